package cells

import (
	"baocao/layouts/input"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Chi bộ Sở Tài chính":                      "chi-bo-so-tai-chinh",
		"ĐẢNG BỘ CÔNG TY CỔ PHẦN XI MĂNG YÊN BÌNH": "dang-bo-cong-ty-co-phan-xi-mang-yen-binh",
		"Chi bộ Trường THPT Nguyễn Huệ (cơ sở 2)":  "chi-bo-truong-thpt-nguyen-hue-co-so-2",
		"  Đảng bộ — Bệnh viện Sản/Nhi, tỉnh!  ":   "dang-bo-benh-vien-san-nhi-tinh",
		"Chi bộ Sở Giáo dục và Đào tạo":            "chi-bo-so-giao-duc-va-dao-tao",
		"Ư ơ ă â ê ô đ Ỹ ỵ":                        "u-o-a-a-e-o-d-y-y",
		"../../etc/passwd":                         "etc-passwd",
		"中文":                                       "bao-cao",
		"":                                         "bao-cao",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug("Chi bộ " + string(make([]byte, 0)) + "Công ty Trách nhiệm hữu hạn Một thành viên Xổ số kiến thiết và Dịch vụ tổng hợp Yên Bái")
	if len(long) > 80 || long[len(long)-1] == '-' {
		t.Errorf("long slug %q: over 80 bytes or ends in a hyphen", long)
	}
}

func TestUniqueSlugs(t *testing.T) {
	got := UniqueSlugs([]string{"Chi bộ A", "Chi bộ Á", "chi bo a", "Chi bộ B", "Chi bộ A-2"})
	want := []string{"chi-bo-a", "chi-bo-a-2", "chi-bo-a-3", "chi-bo-b", "chi-bo-a-2-2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UniqueSlugs = %q, want %q", got, want)
	}
}

const cell = `mau: dang-ky
co_quan: {ten: Chi bộ Sở Tư pháp, loai: chi-bo, khoi: co-quan}
ngay: 2021-04-12
ky: {ho_ten: Lương Văn Hải}
`

func TestLoadRosterMergesDefaults(t *testing.T) {
	data := []byte(`mau: dang-ky
chung:
  co_quan: {cap_tren: Đảng uỷ Khối, khoi: co-quan}
  ngay: 2021-04-10
  ky: {chuc_vu: BÍ THƯ}
danh_sach:
  - co_quan: {ten: Chi bộ A, loai: chi-bo}
    ky: {ho_ten: Người A}
  - co_quan: {ten: Đảng bộ B, loai: dang-bo, khoi: doanh-nghiep}
    ngay: 2021-04-20
    ky: {ho_ten: Người B}
  - co_quan: {ten: Chi bộ C, loai: chi-bo}
`)
	list, ok := load(t, "ds.yaml", data, input.Options{})
	if !ok || len(list) != 3 {
		t.Fatalf("Load = %d cells, %v", len(list), ok)
	}
	a, b, c := list[0], list[1], list[2]
	if !a.OK() || a.Report.ParentOrg != "Đảng uỷ Khối" || a.Report.Sector != "co-quan" || a.Report.Date.Day != 10 || a.Report.Signer.Name != "Người A" {
		t.Errorf("cell A did not take the shared values: %+v %v", a.Report, a.Problems)
	}
	if !b.OK() || b.Report.Sector != "doanh-nghiep" || b.Report.Date.Day != 20 || b.Report.ParentOrg != "Đảng uỷ Khối" {
		t.Errorf("cell B did not override the shared values: %+v", b.Report)
	}
	if len(b.Problems) != 1 || !b.Problems[0].Warning || b.Problems[0].Line != 10 || b.Problems[0].Key != "danh_sach[2].ngay" {
		t.Errorf("cell B's late warning: %v", b.Problems)
	}
	if c.OK() || len(c.Problems) != 1 || c.Problems[0].String() != "ds.yaml:12: danh_sach[3].ky.ho_ten: thiếu khóa bắt buộc" {
		t.Errorf("cell C: %v", c.Problems)
	}
	if a.Name() != "Chi bộ A" || c.Source() != "ds.yaml (mục 3)" {
		t.Errorf("names: %q %q", a.Name(), c.Source())
	}
}

func TestLoadRosterProblems(t *testing.T) {
	list, _ := load(t, "ds.yaml", []byte("mau: dang-ky\nchung: {dia_dan: X}\ndanh_sach: []\n"), input.Options{})
	if len(list) != 1 || list[0].OK() {
		t.Fatalf("want one failed cell, got %+v", list)
	}
	want := []string{
		`ds.yaml:2: chung.dia_dan: khóa không có trong mẫu; có phải là "dia_danh"?`,
		`ds.yaml:3: danh_sach: danh sách trống: chưa có chi bộ, đảng bộ nào`,
	}
	var got []string
	for _, p := range list[0].Problems {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%q\nwant\n%q", got, want)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yaml", cell)
	write("a.yml", cell)
	write("tong-hop.yaml", "mau: tong-hop\n")
	write("ghi-chu.txt", "not yaml")
	write("hong.yaml", "mau: [\n")
	got := Collect([]string{dir, filepath.Join(dir, "khong-co.yaml")}, input.Options{Files: input.OSFiles})
	var sources []string
	for _, c := range got {
		sources = append(sources, filepath.Base(c.Source())+" "+map[bool]string{true: "ok", false: "lỗi"}[c.OK()])
	}
	want := []string{"a.yml ok", "b.yaml ok", "hong.yaml lỗi", "khong-co.yaml lỗi"}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("Collect = %q, want %q", sources, want)
	}
	if p := got[3].Problems; len(p) != 1 || p[0].Message != "không có tệp hoặc thư mục này" {
		t.Errorf("missing file: %v", p)
	}
}

// TestRosterCellsCarryTheirData: each cell of a roster carries its own canonical YAML, the shared
// values merged in and its kind named, which builds the cell's very document on its own.
func TestRosterCellsCarryTheirData(t *testing.T) {
	data, err := os.ReadFile("../../samples/danh-sach-khoi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	list, _ := load(t, "danh-sach-khoi.yaml", data, input.Options{})
	if len(list) < 2 {
		t.Fatalf("%d cells", len(list))
	}
	for _, c := range list {
		if !c.OK() {
			continue
		}
		alone, _ := load(t, "mot-noi.yaml", c.Data, input.Options{})
		if len(alone) != 1 || !alone[0].OK() {
			t.Fatalf("%s: its data does not load on its own:\n%s", c.Source(), c.Data)
		}
		if got, want := alone[0].Document(), c.Document(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: its data builds another document:\n%s", c.Source(), c.Data)
		}
	}
}

// TestNoCellDataReadsTheSameReports: with NoCellData a roster's cells are read as without it, the
// same reports and problems, only without their canonical YAML.
func TestNoCellDataReadsTheSameReports(t *testing.T) {
	data, err := os.ReadFile("../../samples/danh-sach-khoi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	with, _ := load(t, "danh-sach-khoi.yaml", data, input.Options{})
	without, _ := load(t, "danh-sach-khoi.yaml", data, input.Options{NoCellData: true})
	if len(with) < 2 || len(without) != len(with) {
		t.Fatalf("%d cells with data, %d without", len(with), len(without))
	}
	for i, c := range without {
		if c.Data != nil {
			t.Errorf("%s: data %q with NoCellData", c.Source(), c.Data)
		}
		if with[i].Data == nil {
			t.Errorf("%s: no data without NoCellData", c.Source())
		}
		c.Data = with[i].Data
		if !reflect.DeepEqual(c, with[i]) {
			t.Errorf("%s: read otherwise with NoCellData:\n%+v\nwant\n%+v", c.Source(), c, with[i])
		}
	}
}

// load is Load, its cells collected, checking that it builds as many as it says.
func load(t *testing.T, file string, data []byte, opts input.Options) ([]Cell, bool) {
	t.Helper()
	cells, ok := Load(file, data, opts)
	list := slices.Collect(cells.All)
	if len(list) != cells.Len {
		t.Fatalf("%s: Load said %d cells and built %d", file, cells.Len, len(list))
	}
	return list, ok
}
