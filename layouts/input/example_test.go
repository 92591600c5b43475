package input_test

import (
	"fmt"

	"baocao/layouts/input"
)

// Dates are read as Vietnamese write them, day first, or in ISO form; a month alone leaves the day
// blank.
func ExampleParseDate() {
	for _, s := range []string{"12/4/2021", "12-4-2021", "12.4.2021", "2021-04-12", "4/2021", "31/4/2021"} {
		d, err := input.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %+v\n", s, d)
	}
	// Output:
	// 12/4/2021: {Year:2021 Month:4 Day:12}
	// 12-4-2021: {Year:2021 Month:4 Day:12}
	// 12.4.2021: {Year:2021 Month:4 Day:12}
	// 2021-04-12: {Year:2021 Month:4 Day:12}
	// 4/2021: {Year:2021 Month:4 Day:0}
	// "31/4/2021" không phải là ngày hợp lệ: tháng 4/2021 chỉ có 30 ngày
}

// The date line of a document: days below 10 and the months January and February take a leading
// zero; a blank day is a gap of figure spaces, to be written in by hand.
func ExampleDate_Long() {
	fmt.Println(input.Date{Year: 2021, Month: 4, Day: 2}.Long())
	fmt.Println(input.Date{Year: 2022, Month: 1, Day: 15}.Long())
	fmt.Printf("%q\n", input.Date{Year: 2021, Month: 4}.Long())
	// Output:
	// ngày 02 tháng 4 năm 2021
	// ngày 15 tháng 01 năm 2022
	// "ngày \u2007\u2007\u2007\u2007 tháng 4 năm 2021"
}
