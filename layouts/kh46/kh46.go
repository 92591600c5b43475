// Package kh46 holds the domain facts of Kế hoạch 46-KH/ĐUK (Yên Bái, 02/4/2021) that documents
// under it share: the kinds of collective model, who each kind is meant for, the ĐUK's own quotas,
// the plan's defaults and its deadlines.
package kh46

import "baocao/layouts/input"

// Sector is the kind of unit a cell belongs to ("khoi").
type Sector string

// The sectors of the Bloc.
const (
	Agencies    Sector = "co-quan"      // Party, State, Front and mass-organisation agencies
	Enterprises Sector = "doanh-nghiep" // the Bloc's enterprises
	Education   Sector = "giao-duc"     // education and training establishments
	Health      Sector = "y-te"         // health establishments
)

// Sectors lists the sector codes in a fixed order.
var Sectors = []string{string(Agencies), string(Enterprises), string(Education), string(Health)}

// SectorName names a sector in Vietnamese, for messages.
func SectorName(s Sector) string {
	switch s {
	case Agencies:
		return "cơ quan"
	case Enterprises:
		return "doanh nghiệp"
	case Education:
		return "giáo dục - đào tạo"
	case Health:
		return "y tế"
	}
	return string(s)
}

// Kind is a kind of collective model that KH 46 names.
type Kind struct {
	Code    string   // this project's code, used in the input
	Section string   // where KH 46 defines it: "1.1(1)"
	Name    string   // as KH 46 prints it
	Quota   int      // how many the ĐUK itself selects for 2021-2023; 0 when it sets none
	For     []Sector // the sectors it is meant for; nil means any cell
}

// OtherKind is the code of a model of the cell's own choosing (section III.1.3).
const OtherKind = "khac"

// Kinds are the twelve kinds of KH 46, in the plan's order.
var Kinds = []Kind{
	{"to-chuc-co-so-dang", "1.1(1)", "Tổ chức cơ sở đảng điển hình tiên tiến", 3, nil},
	{"san-xuat-kinh-doanh", "1.1(2)", "Mô hình trong sản xuất - kinh doanh", 5, []Sector{Enterprises}},
	{"giao-duc-dao-tao", "1.1(3)", "Mô hình tiên tiến trong lĩnh vực giáo dục - đào tạo", 2, []Sector{Education}},
	{"y-te", "1.1(4)", "Mô hình tiên tiến trong lĩnh vực y tế, chăm sóc sức khỏe nhân dân", 1, []Sector{Health}},
	{"hoi-doan-the", "1.1(5)", "Mô hình tổ chức hội, đoàn thể điển hình tiên tiến", 0, nil},
	{"co-quan-don-vi", "1.1(6)", "Điển hình tiên tiến trong Khối cơ quan, đơn vị", 5, []Sector{Agencies}},
	{"cai-cach-hanh-chinh", "1.2(1)", "Mô hình thi đua thực hiện cải cách thủ tục hành chính", 0, []Sector{Agencies}},
	{"van-hoa-cong-so", "1.2(2)", "Mô hình thi đua thực hiện văn hóa công sở", 0, []Sector{Agencies}},
	{"nam-khong", "1.2(3)", "Điển hình tiên tiến trong thực hiện nội dung \"5 không\" để nói không với tiêu cực", 0, []Sector{Agencies}},
	{"an-toan-tiet-kiem", "1.2(4)", "Mô hình thi đua an toàn - tiết kiệm trong sản xuất, kinh doanh", 0, []Sector{Enterprises}},
	{"trach-nhiem-xa-hoi", "1.2(5)", "Mô hình tiên tiến thực hiện tốt trách nhiệm xã hội của doanh nghiệp", 0, []Sector{Enterprises}},
	{"5s", "1.2(6)", "Mô hình thi đua thực hiện chương trình \"5S\" (\"Sạch hơn - Đẹp hơn - Năng suất cao hơn\")", 0, []Sector{Enterprises, Health}},
}

// KindCodes lists the codes a model's "loai" may take: the twelve kinds, then OtherKind.
func KindCodes() []string {
	codes := make([]string, 0, len(Kinds)+1)
	for _, k := range Kinds {
		codes = append(codes, k.Code)
	}
	return append(codes, OtherKind)
}

// KindByCode returns the kind with the code, and false for OtherKind or an unknown code.
func KindByCode(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}

// MeantFor reports whether the kind is meant for cells of the sector.
func (k Kind) MeantFor(s Sector) bool {
	if k.For == nil {
		return true
	}
	for _, f := range k.For {
		if f == s {
			return true
		}
	}
	return false
}

// The plan itself, the default basis ("can_cu") of every report under it.
const (
	PlanNumber = "46-KH/ĐUK"
	PlanIssuer = "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh"
	PlanPhase  = "2021-2025"
	// ParentOrg is the default superior body ("cap_tren") of the cells.
	ParentOrg = "Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh"
	// RegistrationPhase is the phase the registration report covers by default.
	RegistrationPhase = "2021-2023"
	// Place is the default place name of the date line.
	Place = "Yên Bái"
	// Subject is the common part of the report's title and sentences.
	Subject = "xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
)

// Plan is KH 46 itself, the default basis ("can_cu") of every report under it.
var Plan = input.PlanRef{Number: PlanNumber, Date: input.Date{Year: 2021, Month: 4, Day: 2}, Issuer: PlanIssuer, Phase: PlanPhase}

// RegistrationDeadline is the last day for a cell's registration report in phase 2021-2023: 15/4/2021.
var RegistrationDeadline = input.Date{Year: 2021, Month: 4, Day: 15}
