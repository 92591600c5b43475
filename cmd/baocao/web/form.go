// Package web is the local web form of "baocao serve": a cell secretary fills in the registration
// report in a browser and gets the PDF, the DOCX or the YAML of the input contract, checked by the
// same code as the command line.
package web

import (
	"net/url"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Form is a cell's registration report as the form holds it: the keys of the input contract, in
// its order, every value as typed. It marshals to the contract's YAML and reads back from it.
type Form struct {
	Mau      string      `yaml:"mau" json:"mau"`
	CoQuan   FormOrg     `yaml:"co_quan" json:"co_quan"`
	So       Number      `yaml:"so,omitempty" json:"so"`
	KyHieu   string      `yaml:"ky_hieu,omitempty" json:"ky_hieu"`
	DiaDanh  string      `yaml:"dia_danh,omitempty" json:"dia_danh"`
	Ngay     string      `yaml:"ngay" json:"ngay"` // required: empty says so beside the field
	GiaiDoan string      `yaml:"giai_doan,omitempty" json:"giai_doan"`
	CanCu    *FormRef    `yaml:"can_cu,omitempty" json:"can_cu"`
	KeHoach  *FormPlan   `yaml:"ke_hoach,omitempty" json:"ke_hoach"`
	MoHinh   []FormModel `yaml:"mo_hinh" json:"mo_hinh"`
	Guong    []FormGuong `yaml:"guong" json:"guong"`
	NoiNhan  []string    `yaml:"noi_nhan,omitempty" json:"noi_nhan"`
	Ky       FormSigner  `yaml:"ky" json:"ky"`
}

// FormOrg is "co_quan". CapTren is nil when left to its default, empty when there is none.
type FormOrg struct {
	CapTren *string `yaml:"cap_tren,omitempty" json:"cap_tren"`
	Ten     string  `yaml:"ten" json:"ten"`
	Loai    string  `yaml:"loai" json:"loai"`
	Khoi    string  `yaml:"khoi" json:"khoi"`
}

// FormRef is "can_cu", the superior's plan.
type FormRef struct {
	So       string `yaml:"so,omitempty" json:"so"`
	Ngay     string `yaml:"ngay,omitempty" json:"ngay"`
	CoQuan   string `yaml:"co_quan,omitempty" json:"co_quan"`
	GiaiDoan string `yaml:"giai_doan,omitempty" json:"giai_doan"`
}

// FormPlan is "ke_hoach", the cell's own plan.
type FormPlan struct {
	So     Number `yaml:"so,omitempty" json:"so"`
	KyHieu string `yaml:"ky_hieu,omitempty" json:"ky_hieu"`
	Ngay   string `yaml:"ngay" json:"ngay"`
}

// FormModel is one item of "mo_hinh".
type FormModel struct {
	Ten   string `yaml:"ten" json:"ten"`
	Loai  string `yaml:"loai" json:"loai"`
	DonVi string `yaml:"don_vi" json:"don_vi"`
}

// FormGuong is one item of "guong".
type FormGuong struct {
	HoTen  string `yaml:"ho_ten" json:"ho_ten"`
	ChucVu string `yaml:"chuc_vu" json:"chuc_vu"`
	DonVi  string `yaml:"don_vi" json:"don_vi"`
}

// FormSigner is "ky". Quyen is nil when left to its default, empty when the head signs in person.
type FormSigner struct {
	Quyen  *string `yaml:"quyen,omitempty" json:"quyen"`
	ChucVu string  `yaml:"chuc_vu,omitempty" json:"chuc_vu"`
	HoTen  string  `yaml:"ho_ten" json:"ho_ten"`
	DaKy   bool    `yaml:"da_ky,omitempty" json:"da_ky"`
}

// Number is a number field as typed: written as a YAML integer when it is one, as text otherwise,
// so that the checks report what was typed.
type Number string

// MarshalYAML writes the number as an integer when it is one.
func (n Number) MarshalYAML() (any, error) {
	if v, err := strconv.Atoi(string(n)); err == nil {
		return v, nil
	}
	return string(n), nil
}

// YAML writes the form as the input contract's YAML.
func (f *Form) YAML() ([]byte, error) {
	var b strings.Builder
	b.WriteString("# Báo cáo kết quả đăng ký (mẫu kèm Kế hoạch 46-KH/ĐUK), lưu từ biểu mẫu của baocao.\n")
	b.WriteString("# Mở lại trong biểu mẫu, hoặc tạo văn bản: baocao render TỆP.yaml\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// FromValues reads a submitted form. Rows keep their positions, blank ones included, so that a
// problem's key ("mo_hinh[2].ten") points at the row on the page.
func FromValues(v url.Values) *Form {
	get := func(key string) string { return strings.TrimSpace(v.Get(key)) }
	optional := func(key string) *string {
		if _, ok := v[key]; !ok {
			return nil
		}
		s := get(key)
		return &s
	}
	f := &Form{
		Mau: "dang-ky",
		CoQuan: FormOrg{
			CapTren: optional("co_quan.cap_tren"),
			Ten:     get("co_quan.ten"),
			Loai:    get("co_quan.loai"),
			Khoi:    get("co_quan.khoi"),
		},
		So:       Number(get("so")),
		KyHieu:   get("ky_hieu"),
		DiaDanh:  get("dia_danh"),
		Ngay:     get("ngay"),
		GiaiDoan: get("giai_doan"),
		Ky: FormSigner{
			Quyen:  optional("ky.quyen"),
			ChucVu: get("ky.chuc_vu"),
			HoTen:  get("ky.ho_ten"),
			DaKy:   get("ky.da_ky") != "",
		},
		MoHinh: []FormModel{},
		Guong:  []FormGuong{},
	}
	if ref := (FormRef{So: get("can_cu.so"), Ngay: get("can_cu.ngay"), CoQuan: get("can_cu.co_quan"), GiaiDoan: get("can_cu.giai_doan")}); ref != (FormRef{}) {
		f.CanCu = &ref
	}
	// A plan is there when its number or date is: its code alone (the default shown) is none.
	if plan := (FormPlan{So: Number(get("ke_hoach.so")), KyHieu: get("ke_hoach.ky_hieu"), Ngay: get("ke_hoach.ngay")}); plan.So != "" || plan.Ngay != "" {
		f.KeHoach = &plan
	}
	names, kinds, units := v["mo_hinh.ten"], v["mo_hinh.loai"], v["mo_hinh.don_vi"]
	for i := range names {
		f.MoHinh = append(f.MoHinh, FormModel{Ten: strings.TrimSpace(names[i]), Loai: at(kinds, i), DonVi: at(units, i)})
	}
	people, posts, places := v["guong.ho_ten"], v["guong.chuc_vu"], v["guong.don_vi"]
	for i := range people {
		f.Guong = append(f.Guong, FormGuong{HoTen: strings.TrimSpace(people[i]), ChucVu: at(posts, i), DonVi: at(places, i)})
	}
	for _, line := range strings.Split(get("noi_nhan"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			f.NoiNhan = append(f.NoiNhan, line)
		}
	}
	return f
}

// at is the i-th value, trimmed, or "".
func at(values []string, i int) string {
	if i < len(values) {
		return strings.TrimSpace(values[i])
	}
	return ""
}
