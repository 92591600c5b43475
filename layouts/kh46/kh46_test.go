package kh46

import (
	"testing"

	"baocao/layouts/input"
)

// spec is the table "The twelve collective model kinds" of ../../../shared/spec/kh46.md, typed
// out again here so that a slip in kh46.go shows.
var spec = []struct {
	code, section, name string
	quota               int // 0 for "—"
	any                 bool
	for_                []Sector
}{
	{"to-chuc-co-so-dang", "1.1(1)", "Tổ chức cơ sở đảng điển hình tiên tiến", 3, true, nil},
	{"san-xuat-kinh-doanh", "1.1(2)", "Mô hình trong sản xuất - kinh doanh", 5, false, []Sector{Enterprises}},
	{"giao-duc-dao-tao", "1.1(3)", "Mô hình tiên tiến trong lĩnh vực giáo dục - đào tạo", 2, false, []Sector{Education}},
	{"y-te", "1.1(4)", "Mô hình tiên tiến trong lĩnh vực y tế, chăm sóc sức khỏe nhân dân", 1, false, []Sector{Health}},
	// "mass organisations of the Bloc and of the cells": every cell has them.
	{"hoi-doan-the", "1.1(5)", "Mô hình tổ chức hội, đoàn thể điển hình tiên tiến", 0, true, nil},
	{"co-quan-don-vi", "1.1(6)", "Điển hình tiên tiến trong Khối cơ quan, đơn vị", 5, false, []Sector{Agencies}},
	{"cai-cach-hanh-chinh", "1.2(1)", "Mô hình thi đua thực hiện cải cách thủ tục hành chính", 0, false, []Sector{Agencies}},
	{"van-hoa-cong-so", "1.2(2)", "Mô hình thi đua thực hiện văn hóa công sở", 0, false, []Sector{Agencies}},
	{"nam-khong", "1.2(3)", `Điển hình tiên tiến trong thực hiện nội dung "5 không" để nói không với tiêu cực`, 0, false, []Sector{Agencies}},
	{"an-toan-tiet-kiem", "1.2(4)", "Mô hình thi đua an toàn - tiết kiệm trong sản xuất, kinh doanh", 0, false, []Sector{Enterprises}},
	{"trach-nhiem-xa-hoi", "1.2(5)", "Mô hình tiên tiến thực hiện tốt trách nhiệm xã hội của doanh nghiệp", 0, false, []Sector{Enterprises}},
	{"5s", "1.2(6)", `Mô hình thi đua thực hiện chương trình "5S" ("Sạch hơn - Đẹp hơn - Năng suất cao hơn")`, 0, false, []Sector{Enterprises, Health}},
}

var allSectors = []Sector{Agencies, Enterprises, Education, Health}

func TestKindCodes(t *testing.T) {
	codes := KindCodes()
	if len(codes) != 13 {
		t.Fatalf("KindCodes() has %d codes, want 13: %v", len(codes), codes)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			t.Errorf("KindCodes(): %q twice", c)
		}
		seen[c] = true
	}
	for i, s := range spec {
		if codes[i] != s.code {
			t.Errorf("KindCodes()[%d] = %q, want %q (the plan's order)", i, codes[i], s.code)
		}
	}
	if codes[12] != "khac" || OtherKind != "khac" {
		t.Errorf("last code = %q, OtherKind = %q, want khac", codes[12], OtherKind)
	}
	// A fresh slice each time: a caller that changes it does not change the next caller's.
	codes[0] = "x"
	if KindCodes()[0] != "to-chuc-co-so-dang" {
		t.Error("KindCodes() shares its slice")
	}
}

func TestKindsMatchSpec(t *testing.T) {
	if len(Kinds) != 12 {
		t.Fatalf("len(Kinds) = %d, want 12", len(Kinds))
	}
	for i, s := range spec {
		k := Kinds[i]
		if k.Code != s.code || k.Section != s.section || k.Name != s.name {
			t.Errorf("Kinds[%d] = %q %q %q, want %q %q %q", i, k.Code, k.Section, k.Name, s.code, s.section, s.name)
		}
		if k.Quota != s.quota {
			t.Errorf("%s (%s): Quota = %d, want %d", s.code, s.section, k.Quota, s.quota)
		}
		got, ok := KindByCode(s.code)
		if !ok || got.Code != s.code || got.Section != s.section {
			t.Errorf("KindByCode(%q) = %+v, %v", s.code, got, ok)
		}
	}
}

func TestQuotas(t *testing.T) {
	// kh46.md: 03, 05, 02, 01, —, 05 for 1.1(1)-(6); none for 1.2.
	want := map[string]int{
		"1.1(1)": 3, "1.1(2)": 5, "1.1(3)": 2, "1.1(4)": 1, "1.1(5)": 0, "1.1(6)": 5,
		"1.2(1)": 0, "1.2(2)": 0, "1.2(3)": 0, "1.2(4)": 0, "1.2(5)": 0, "1.2(6)": 0,
	}
	total := 0
	for _, k := range Kinds {
		q, ok := want[k.Section]
		if !ok {
			t.Errorf("unexpected section %q", k.Section)
			continue
		}
		if k.Quota != q {
			t.Errorf("%s: Quota = %d, want %d", k.Section, k.Quota, q)
		}
		total += k.Quota
		delete(want, k.Section)
	}
	if len(want) != 0 {
		t.Errorf("sections missing: %v", want)
	}
	if total != 16 {
		t.Errorf("the ĐUK's own quotas add up to %d, want 16 (3+5+2+1+5)", total)
	}
}

func TestKindByCodeOther(t *testing.T) {
	for _, c := range []string{"khac", "", "Y-TE", "5S", "unknown"} {
		if k, ok := KindByCode(c); ok {
			t.Errorf("KindByCode(%q) = %+v, true; want false", c, k)
		}
	}
}

func TestMeantFor(t *testing.T) {
	for _, s := range spec {
		k, ok := KindByCode(s.code)
		if !ok {
			t.Fatalf("KindByCode(%q) not found", s.code)
		}
		for _, sec := range allSectors {
			want := s.any
			for _, f := range s.for_ {
				if f == sec {
					want = true
				}
			}
			if got := k.MeantFor(sec); got != want {
				t.Errorf("%s.MeantFor(%s) = %v, want %v", s.code, sec, got, want)
			}
		}
	}
	// Spot checks named in the brief.
	y, _ := KindByCode("y-te")
	if y.MeantFor(Agencies) || !y.MeantFor(Health) {
		t.Error("y-te: want only for y-te cells")
	}
	s5, _ := KindByCode("5s")
	if !s5.MeantFor(Health) || !s5.MeantFor(Enterprises) || s5.MeantFor(Agencies) || s5.MeantFor(Education) {
		t.Error("5s: want for enterprises and hospitals only")
	}
}

func TestSectors(t *testing.T) {
	want := []string{"co-quan", "doanh-nghiep", "giao-duc", "y-te"}
	if len(Sectors) != len(want) {
		t.Fatalf("Sectors = %v, want %v", Sectors, want)
	}
	for i := range want {
		if Sectors[i] != want[i] {
			t.Errorf("Sectors[%d] = %q, want %q", i, Sectors[i], want[i])
		}
	}
	names := map[Sector]string{Agencies: "cơ quan", Enterprises: "doanh nghiệp", Education: "giáo dục - đào tạo", Health: "y tế"}
	for s, n := range names {
		if got := SectorName(s); got != n {
			t.Errorf("SectorName(%q) = %q, want %q", s, got, n)
		}
	}
	if got := SectorName("khac"); got != "khac" {
		t.Errorf("SectorName(unknown) = %q, want the code", got)
	}
}

func TestPlanFacts(t *testing.T) {
	// kh46.md: Kế hoạch số 46-KH/ĐUK, ngày 02 tháng 4 năm 2021, 2021-2025; registration before 15/4/2021.
	if PlanNumber != "46-KH/ĐUK" {
		t.Errorf("PlanNumber = %q", PlanNumber)
	}
	if Plan.Date != (input.Date{Year: 2021, Month: 4, Day: 2}) || Plan.Date.Long() != "ngày 02 tháng 4 năm 2021" || Plan.Issuer != PlanIssuer || Plan.Phase != "2021-2025" {
		t.Errorf("Plan = %+v", Plan)
	}
	if RegistrationDeadline != (input.Date{Year: 2021, Month: 4, Day: 15}) {
		t.Errorf("RegistrationDeadline = %+v", RegistrationDeadline)
	}
	if PlanPhase != "2021-2025" || RegistrationPhase != "2021-2023" {
		t.Errorf("phases = %q, %q", PlanPhase, RegistrationPhase)
	}
	if PlanIssuer != "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh" || ParentOrg != "Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh" || Place != "Yên Bái" {
		t.Errorf("issuer %q, parent %q, place %q", PlanIssuer, ParentOrg, Place)
	}
}
