package importer_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts/importer"
	"baocao/layouts/input/inputtest"
)

var update = flag.Bool("update", false, "rewrite the corpus and the golden files in testdata/")

// The report the corpus types in many shapes: KH 46's template filled in for a chi bộ.
const (
	parentCaps = "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
	orgCaps    = "CHI BỘ SỞ TÀI CHÍNH"
	motto      = "ĐẢNG CỘNG SẢN VIỆT NAM"
	subject1   = "Kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo"
	subject2   = "tư tưởng, đạo đức, phong cách Hồ Chí Minh, giai đoạn 2021-2023"
	opening    = "Thực hiện Kế hoạch số 46-KH/ĐUK, ngày 02/4/2021 của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh về việc xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025. Chi bộ Sở Tài chính báo cáo kết quả triển khai thực hiện như sau:"
	heading1   = "1. Về xây dựng Kế hoạch thực hiện"
	planLine   = "Đã xây dựng Kế hoạch số 03-KH/CB, ngày 08 tháng 4 năm 2021 về xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025."
	heading2   = "2. Kết quả đăng ký mô hình tập thể điển hình"
	count2     = "- Số mô hình đăng ký thực hiện: 02. Gồm:"
	heading3   = "3. Gương cá nhân điển hình tiên tiến"
	count3     = "- Số gương điển hình: 02. Gồm:"
	closing    = "Trên đây là báo cáo kết quả xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025 của Chi bộ Sở Tài chính."
)

var (
	models = [][2]string{
		{"Văn hóa công sở tại Văn phòng Sở", "Văn phòng Sở Tài chính"},
		{"Cải cách thủ tục hành chính trong thẩm định giá", "Phòng Quản lý giá"},
	}
	people = [][3]string{
		{"Nguyễn Thị Hoa", "Phó Chánh Văn phòng", "Văn phòng Sở Tài chính"},
		{"Lê Văn Nam", "Chuyên viên", "Phòng Quản lý giá"},
	}
)

// baseYAML is what every shape of that report imports to, written by hand from the report above.
const baseYAML = `mau: dang-ky
co_quan:
  ten: Chi bộ Sở Tài chính
  loai: chi-bo
  khoi: co-quan # đoán: tên không cho biết khối; hãy kiểm tra
so: 5
dia_danh: Yên Bái
ngay: 2021-04-12
giai_doan: 2021-2023
ke_hoach:
  so: 3
  ngay: 2021-04-08
mo_hinh:
  - ten: Văn hóa công sở tại Văn phòng Sở
    loai: van-hoa-cong-so # đoán từ chữ "Văn hóa công sở" trong tên; hãy kiểm tra
    don_vi: Văn phòng Sở Tài chính
  - ten: Cải cách thủ tục hành chính trong thẩm định giá
    loai: cai-cach-hanh-chinh # đoán từ chữ "Cải cách" trong tên; hãy kiểm tra
    don_vi: Phòng Quản lý giá
guong:
  - ho_ten: Nguyễn Thị Hoa
    chuc_vu: Phó Chánh Văn phòng
    don_vi: Văn phòng Sở Tài chính
  - ho_ten: Lê Văn Nam
    chuc_vu: Chuyên viên
    don_vi: Phòng Quản lý giá
noi_nhan:
  - Ban Tuyên giáo ĐUK
  - Lưu Chi bộ
ky:
  quyen: T/M BAN CHI ỦY
  chuc_vu: BÍ THƯ
  ho_ten: Trần Văn Bình
  da_ky: false
`

// shape is how one secretary typed the report: each part may be replaced.
type shape struct {
	header  []any // the body elements before the title
	title   []any // the title, the subject and the rule
	opening []any
	plan    []any // section 1, heading included
	models  []any // section 2, heading included
	people  []any // section 3, heading included
	closing []any
	band    []any // recipients and signer
	font    string
	split   int
}

// typed is the report in the template's most common shape: the header and the closing band as
// borderless tables, items "(1): …", runs cut every 9 characters.
func typed() shape {
	var ms, ps []any
	ms = append(ms, P(heading2), P(count2))
	for i, m := range models {
		ms = append(ms, P("("+string(rune('1'+i))+"): "+m[0]+" — "+m[1]+"."))
	}
	ps = append(ps, P(heading3), P(count3))
	for i, p := range people {
		ps = append(ps, P("("+string(rune('1'+i))+"): "+p[0]+", "+p[1]+", "+p[2]+"."))
	}
	return shape{
		header: []any{wtable{rows: [][][]wpara{
			Row(Cell(P(parentCaps), P(orgCaps), P("*")), Cell(P(motto))),
			Row(Cell(P("Số 05-BC/CB")), Cell(P("Yên Bái, ngày 12 tháng 4 năm 2021"))),
		}}},
		title:   []any{P("BÁO CÁO"), P(subject1), P(subject2), P("-----")},
		opening: []any{P(opening)},
		plan:    []any{P(heading1), P(planLine)},
		models:  ms,
		people:  ps,
		closing: []any{P(closing)},
		band: []any{wtable{rows: [][][]wpara{Row(
			Cell(P("Nơi nhận:"), P("- Ban Tuyên giáo ĐUK;"), P("- Lưu Chi bộ.")),
			Cell(P("T/M BAN CHI ỦY"), P("BÍ THƯ"), P(), P(), P("Trần Văn Bình")),
		)}}},
		split: 9,
	}
}

func (s shape) doc() wdoc {
	var body []any
	for _, part := range [][]any{s.header, s.title, s.opening, s.plan, s.models, s.people, s.closing, s.band} {
		body = append(body, part...)
	}
	return wdoc{body: body, defaultFont: s.font, splitEvery: s.split}
}

// tabHeader is the header typed as lines with tabs between the two columns.
func tabHeader(number, date string) []any {
	return []any{
		P(parentCaps, tab, tab, motto),
		P(orgCaps),
		P("*"),
		P(number, tab, tab, tab, date),
	}
}

// tabBand is the closing band typed with tabs before the signer's lines.
func tabBand() []any {
	return []any{
		P("Nơi nhận:", tab, tab, tab, tab, "T/M BAN CHI ỦY"),
		P("- Ban Tuyên giáo ĐUK;", tab, tab, tab, "BÍ THƯ"),
		P("- Lưu Chi bộ."),
		P(),
		P(tab, tab, tab, tab, tab, tab, "Trần Văn Bình"),
	}
}

// corpus is every hand-typed shape; same marks those that must import to baseYAML exactly.
var corpus = []struct {
	name string
	same bool
	make func() wdoc
}{
	{"bang-tieu-de", true, func() wdoc { return typed().doc() }},
	{"tab-tieu-de", true, func() wdoc {
		s := typed()
		s.header = tabHeader("Số 05-BC/CB", "Yên Bái, ngày 12 tháng 4 năm 2021")
		s.band = tabBand()
		return s.doc()
	}},
	{"so-hai-cham-khong-so-0", true, func() wdoc {
		s := typed()
		s.header = tabHeader("Số: 5-BC/CB", "Yên Bái, ngày 12 tháng 4 năm 2021")
		s.opening = []any{P(strings.Replace(opening, "02/4/2021", "2/4/2021", 1))}
		s.plan = []any{P(heading1), P(strings.Replace(planLine, "ngày 08 tháng 4", "ngày 8 tháng 4", 1))}
		return s.doc()
	}},
	{"so-cach-muc-hai-cham", true, func() wdoc {
		s := typed()
		s.header = tabHeader("Số 05 - BC/CB", "Yên Bái, ngày 12 tháng 4 năm 2021")
		s.models = []any{P(heading2), P(count2)}
		for i, m := range models {
			s.models = append(s.models, P("("+string(rune('1'+i))+") "+m[0]+": "+m[1]))
		}
		s.people = []any{P(heading3), P(count3)}
		for i, p := range people {
			s.people = append(s.people, P("("+string(rune('1'+i))+") "+p[0]+": "+p[1]+", "+p[2]))
		}
		return s.doc()
	}},
	{"gach-dau-dong-ngoac", true, func() wdoc {
		s := typed()
		s.models = []any{P(heading2), P(count2)}
		for _, m := range models {
			s.models = append(s.models, P("- "+m[0]+" ("+m[1]+");"))
		}
		s.people = []any{P(heading3), P(count3)}
		for _, p := range people {
			s.people = append(s.people, P("- Đồng chí "+p[0]+" - "+p[1]+" - "+p[2]+";"))
		}
		return s.doc()
	}},
	{"danh-so-tu-dong", true, func() wdoc {
		s := typed()
		s.plan = []any{N(3, "Về xây dựng Kế hoạch thực hiện"), P(planLine)}
		s.models = []any{N(3, "Kết quả đăng ký mô hình tập thể điển hình"), P(count2)}
		for _, m := range models {
			s.models = append(s.models, N(1, m[0]+" — "+m[1]))
		}
		s.people = []any{N(3, "Gương cá nhân điển hình tiên tiến"), P(count3)}
		for _, p := range people {
			s.people = append(s.people, N(4, p[0]+", "+p[1]+", "+p[2]))
		}
		return s.doc()
	}},
	{"bang-mo-hinh-guong", true, func() wdoc {
		s := typed()
		mt := wtable{borders: true, rows: [][][]wpara{Row(Cell(P("STT")), Cell(P("Tên mô hình")), Cell(P("Đơn vị thực hiện")))}}
		for i, m := range models {
			mt.rows = append(mt.rows, Row(Cell(P(string(rune('1'+i)))), Cell(P(m[0])), Cell(P(m[1]))))
		}
		pt := wtable{borders: true, rows: [][][]wpara{Row(Cell(P("STT")), Cell(P("Họ và tên")), Cell(P("Chức vụ")), Cell(P("Đơn vị")))}}
		for i, p := range people {
			pt.rows = append(pt.rows, Row(Cell(P(string(rune('1'+i)))), Cell(P(p[0])), Cell(P(p[1])), Cell(P(p[2]))))
		}
		s.models = []any{P(heading2), P(count2), mt}
		s.people = []any{P(heading3), P(count3), pt}
		return s.doc()
	}},
	{"tcvn3-vntime", true, func() wdoc {
		s := typed()
		caps := func(t string) any { return inFont{".VnTimeH", tcvn3(t, true)} }
		low := func(t string) wpara { return P(inFont{".VnTime", tcvn3(t, false)}) }
		s.font = ".VnTime"
		s.header = []any{wtable{rows: [][][]wpara{
			Row(Cell(P(caps(parentCaps)), P(caps(orgCaps)), P("*")), Cell(P(caps(motto)))),
			Row(Cell(low("Số 05-BC/CB")), Cell(low("Yên Bái, ngày 12 tháng 4 năm 2021"))),
		}}}
		s.title = []any{P(caps("BÁO CÁO")), low(subject1), low(subject2), P("-----")}
		s.opening = []any{low(opening)}
		s.plan = []any{low(heading1), low(planLine)}
		s.models = []any{low(heading2), low(count2)}
		for i, m := range models {
			s.models = append(s.models, low("("+string(rune('1'+i))+"): "+m[0]+" — "+m[1]+"."))
		}
		s.people = []any{low(heading3), low(count3)}
		for i, p := range people {
			s.people = append(s.people, low("("+string(rune('1'+i))+"): "+p[0]+", "+p[1]+", "+p[2]+"."))
		}
		s.closing = []any{low(closing)}
		s.band = []any{wtable{rows: [][][]wpara{Row(
			Cell(low("Nơi nhận:"), low("- Ban Tuyên giáo ĐUK;"), low("- Lưu Chi bộ.")),
			Cell(P(caps("T/M BAN CHI ỦY")), P(caps("BÍ THƯ")), P(), low("Trần Văn Bình")),
		)}}}
		return s.doc()
	}},
	{"vni-times", true, func() wdoc {
		s := typed()
		v := func(t string) wpara { return P(inFont{"VNI-Times", inputtest.VNI(t)}) }
		s.opening = []any{v(opening)}
		s.models = []any{P(heading2), v(count2)}
		for i, m := range models {
			s.models = append(s.models, v("("+string(rune('1'+i))+"): "+m[0]+" — "+m[1]+"."))
		}
		s.people = []any{P(heading3), P(count3)}
		for i, p := range people {
			s.people = append(s.people, v("("+string(rune('1'+i))+"): "+p[0]+", "+p[1]+", "+p[2]+"."))
		}
		s.closing = []any{v(closing)}
		return s.doc()
	}},
	{"ke-hoach-cach-viet-khac", false, func() wdoc {
		s := typed()
		s.plan = []any{P(heading1), P("Ngay sau khi nhận được Kế hoạch, Chi bộ đã tổ chức quán triệt đến toàn thể đảng viên."),
			P("Chi bộ đã ban hành Kế hoạch số 03-KH/CB ngày 08/4/2021 về việc xây dựng, nhân rộng các mô hình, điển hình tiên tiến giai đoạn 2021-2025.")}
		return s.doc()
	}},
	{"dau-cach-cung-ngoac-kep-xuong-dong", false, func() wdoc {
		s := typed()
		s.header = []any{wtable{rows: [][][]wpara{
			Row(Cell(P(parentCaps), P("CHI BỘ SỞ", br, "TÀI CHÍNH"), P("*")), Cell(P(motto))),
			Row(Cell(P("Số\u00a005-BC/CB")), Cell(P("Yên\u00a0Bái, ngày\u00a012 tháng\u00a04 năm 2021"))),
		}}}
		s.models = []any{P(heading2), P(count2),
			P("(1): Mô hình “Văn hóa công sở” tại Văn phòng Sở\u00a0— Văn phòng Sở Tài chính."),
			P("(2): Cải cách thủ tục hành chính", br, "trong thẩm định giá — Phòng Quản lý giá.")}
		return s.doc()
	}},
	{"chua-lay-so-de-trong-ngay", false, func() wdoc {
		s := typed()
		s.header = tabHeader("Số          - BC/CB", "Yên Bái, ngày      tháng 4 năm 2021")
		return s.doc()
	}},
	{"chua-xay-dung-ke-hoach-thieu-mo-dau", false, func() wdoc {
		s := typed()
		s.opening = nil
		s.plan = []any{P(heading1), P("Chưa xây dựng Kế hoạch thực hiện.")}
		return s.doc()
	}},
	{"thieu-muc-1", false, func() wdoc {
		s := typed()
		s.plan = nil
		return s.doc()
	}},
	{"cho-khong-doc-duoc", false, func() wdoc {
		s := typed()
		s.models = []any{P(heading2), P("- Số mô hình đăng ký thực hiện: 03. Gồm:"),
			P("(1): Văn hóa công sở tại Văn phòng Sở — Văn phòng Sở Tài chính."),
			P("(2): ………………………………"),
			P("(3): Học tập và làm theo Bác mỗi ngày")}
		s.people = []any{P(heading3), P(count3), P("(1): Nguyễn Thị Hoa"), P("(2): Lê Văn Nam, Chuyên viên, Phòng Quản lý giá.")}
		return s.doc()
	}},
	{"dang-bo-doanh-nghiep-da-ky", false, func() wdoc {
		s := typed()
		s.header = []any{wtable{rows: [][][]wpara{
			Row(Cell(P(parentCaps), P("ĐẢNG BỘ CÔNG TY CỔ PHẦN"), P("XI MĂNG YÊN BÌNH"), P("*")), Cell(P(motto))),
			Row(Cell(P("Số 12-BC/ĐB")), Cell(P("Yên Bình, ngày 09 tháng 04 năm 2021"))),
		}}}
		s.opening = []any{P(strings.Replace(opening, "Chi bộ Sở Tài chính", "Đảng bộ Công ty Cổ phần Xi măng Yên Bình", 1))}
		s.plan = []any{P(heading1), P("Đã xây dựng Kế hoạch số 07-KH/ĐB, ngày 06 tháng 4 năm 2021.")}
		s.models = []any{P(heading2), P("- Số mô hình đăng ký thực hiện: 03. Gồm:"),
			P("(1): An toàn lao động trong dây chuyền nghiền — Phân xưởng Nghiền"),
			P("(2): Thực hiện 5S tại kho vật tư — Phòng Vật tư"),
			P("(3): Chăm lo đời sống người lao động — Công đoàn Công ty")}
		s.people = []any{P(heading3), P("- Số gương điển hình: 01. Gồm:"), P("(1): Đinh Văn Hùng, Tổ trưởng sản xuất, Phân xưởng Nghiền.")}
		s.closing = []any{P(strings.Replace(closing, "Chi bộ Sở Tài chính", "Đảng bộ Công ty Cổ phần Xi măng Yên Bình", 1))}
		s.band = []any{wtable{rows: [][][]wpara{Row(
			Cell(P("Nơi nhận:"), P("- Ban Thường vụ Đảng ủy Khối;"), P("- Ban Tuyên giáo ĐUK;"), P("- Lưu Văn phòng Đảng ủy.")),
			Cell(P("PHÓ BÍ THƯ"), P("(Đã ký)"), P("Vũ Thị Lan")),
		)}}}
		return s.doc()
	}},
	{"moi-y-mot-dong", true, func() wdoc {
		s := typed()
		s.models = []any{P(heading2), P(count2)}
		for i, m := range models {
			s.models = append(s.models, P("("+string(rune('1'+i))+") "+m[0]+";"), P("- Đơn vị thực hiện: "+m[1]+"."))
		}
		s.people = []any{P(heading3), P(count3)}
		for i, p := range people {
			s.people = append(s.people, P(string(rune('1'+i))+". Đồng chí "+p[0]), P("- Chức vụ: "+p[1]), P("- Đơn vị: "+p[2]))
		}
		return s.doc()
	}},
	{"chu-an-va-sua-doi", true, func() wdoc {
		s := typed()
		s.models = []any{P(heading2), P(count2),
			P("(1): Văn hóa công sở", hiddenText(" (bản nháp, chưa duyệt)"), " tại Văn phòng Sở — Văn phòng Sở Tài chính."),
			P("(2): Cải cách thủ tục hành chính trong ", deletedText("kiểm soát"), addedText("thẩm định"), " giá — Phòng Quản lý giá.")}
		return s.doc()
	}},
	{"can-cot-bang-dau-cach", true, func() wdoc {
		s := typed()
		gap := strings.Repeat(" ", 14)
		s.header = []any{
			P(parentCaps + gap + motto),
			P(orgCaps),
			P("          *"),
			P("Số 05-BC/CB" + gap + "\u00a0\u00a0 Yên Bái, ngày 12 tháng 4 năm 2021"),
		}
		s.title = []any{P(strings.Repeat(" ", 30) + "BÁO CÁO"), P(subject1), P(subject2), P("-----")}
		s.band = []any{
			P("Nơi nhận:" + gap + gap + "T/M BAN CHI ỦY"),
			P("- Ban Tuyên giáo ĐUK;" + gap + gap + "BÍ THƯ"),
			P("- Lưu Chi bộ."),
			P(),
			P(gap + gap + gap + "Trần Văn Bình"),
		}
		return s.doc()
	}},
	{"chua-lay-so-can-bang-dau-cach", false, func() wdoc {
		s := typed()
		s.header = []any{P(parentCaps + "     " + motto), P(orgCaps), P("*"), P("Số          -BC/CB                 Yên Bái, ngày       tháng 4 năm 2021")}
		return s.doc()
	}},
	{"the-thuc-nha-nuoc-ngay-gach-cheo", false, func() wdoc {
		s := typed()
		s.header = []any{wtable{rows: [][][]wpara{
			Row(Cell(P("ĐẢNG BỘ TỈNH YÊN BÁI"), P(parentCaps), P(orgCaps), P("*")), Cell(P(motto))),
			Row(Cell(P("Số 05-BC/CB")), Cell(P("Yên Bái, ngày 12/4/2021"))),
		}}}
		s.band = []any{wtable{rows: [][][]wpara{Row(
			Cell(P("Nơi nhận:"), P("- Ban Tuyên giáo ĐUK;"), P("- Lưu Chi bộ.")),
			Cell(P("TM. BAN CHI ỦY"), P("BÍ THƯ"), P("(Ký, ghi rõ họ tên)"), P("Trần Văn Bình")),
		)}}}
		return s.doc()
	}},
	{"ten-mot-dong", true, func() wdoc {
		s := typed()
		s.title = []any{P("BÁO CÁO " + subject1 + " " + subject2), P("-----")}
		return s.doc()
	}},
	{"muon-han-loai-khong-hop", false, func() wdoc {
		s := typed()
		s.header = tabHeader("Số 05-BC/CB", "Yên Bái, ngày 20 tháng 4 năm 2021")
		s.models = []any{P(heading2), P(count2),
			P("(1): " + models[0][0] + " — " + models[0][1] + "."),
			P("(2): Thực hiện 5S tại kho lưu trữ — Văn phòng Sở Tài chính.")}
		return s.doc()
	}},
	{"mau-chua-dien", false, func() wdoc {
		// The template appended to KH 46, as printed there, not filled in.
		return wdoc{body: []any{
			P(tab, "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"), P("CHI ( ĐẢNG BỘ)………"), P("*"), P("Số          - BC/ (CB) ĐB"),
			P(tab, "ĐẢNG CỘNG SẢN VIỆT NAM"), P("      Yên Bái, ngày      tháng 4 năm 2021"),
			P("BÁO CÁO"), P("Kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh,                        giai đoạn 2021-2023 "),
			P("-----------"),
			P("Thực hiện Kế hoạch số ....KH/ĐUK, ngày  /3/2021của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh về việc xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025. Chi (Đảng) bộ............... báo cáo kết quả triển khai thực hiện như sau:"),
			P("1. Về xây dựng Kế hoạch thực hiện"),
			P("Đã xây dựng Kế hoạch số  ... KH/CB ( ĐB), ngày.... tháng 4 năm 2021 về   xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025."),
			P("2. Kết quả đăng ký mô hình  tập thể điển hình"),
			P("- Số mô hình đăng ký thực hiện:.......  Gồm... (nêu tên các mô hình và rõ đơn vị thực hiện cụ thể )"),
			P("(1): ………………………………"), P("(2): …………………………………."),
			P("3. Gương cá nhân điển hình tiên tiến"),
			P("Số gương điển hình…….(nêu tên, chức vụ, đơn vị cụ thể)"),
			P("Trên đây là báo cáo kết quả xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025 của chi ( đảng bộ)………….."),
			P(tab, "Nơi nhận:"), P("- Ban Tuyên giáo ĐUK;"), P("- Lưu Chi (Đảng) bộ."), P(tab, "  T/M BAN CHI ỦY"),
		}}
	}},
	{"khong-phai-bao-cao", false, func() wdoc {
		return wdoc{body: []any{P("GIẤY MỜI"), P("Kính mời đồng chí đến dự họp chi bộ.")}}
	}},
}

// golden compares got with a golden file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// problemsText prints problems one a line as the command does.
func problemsText(res importer.Result) []byte {
	var b bytes.Buffer
	for _, p := range res.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.Bytes()
}

// TestHandTypedCorpus imports every DOCX of the corpus: each gives its exact YAML and its exact
// problems, and the shapes of one report all give the same YAML, written by hand. The DOCX files
// are the generator's output, committed; -update rewrites them and the golden files.
func TestHandTypedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "handtyped")
	for _, c := range corpus {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".docx")
			made := c.make().docx(t)
			if *update {
				if err := os.WriteFile(path, made, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, made) {
				t.Errorf("%s is not what the generator writes; run go test -update", path)
			}
			res := importer.ReadDOCX(c.name+".docx", data)
			var yaml []byte
			if len(res.Reports) == 1 {
				yaml = res.Reports[0]
			}
			golden(t, filepath.Join(dir, c.name+".yaml"), yaml)
			golden(t, filepath.Join(dir, c.name+".problems"), problemsText(res))
			if c.same && string(yaml) != baseYAML {
				t.Errorf("this shape of the report imports to:\n%s\nwant:\n%s", yaml, baseYAML)
			}
		})
	}
	if len(corpus) < 15 {
		t.Errorf("the corpus has %d DOCX, want at least 15", len(corpus))
	}
}
