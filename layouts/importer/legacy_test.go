package importer

import (
	"testing"

	"baocao/layouts/input"
)

// TestFromLegacy: text typed in a legacy font converts by the font's encoding, even where
// detection alone would not decide; text that is not of that encoding is reported.
func TestFromLegacy(t *testing.T) {
	if len(anchors) != 2 {
		t.Fatalf("anchors: %v", anchors)
	}
	for _, c := range []struct {
		enc        input.Legacy
		typed, out string
		ok         bool
	}{
		{input.TCVN3, "Sè 05-BC/CB", "Số 05-BC/CB", true},
		{input.TCVN3, "t/m ban chi ñy", "t/m ban chi ủy", true},
		{input.TCVN3, "Chi bé Së Tµi chÝnh", "Chi bộ Sở Tài chính", true},
		{input.TCVN3, "05-BC/CB", "05-BC/CB", true},
		{input.VNI, "Chi boä Sôû Taøi chính", "Chi bộ Sở Tài chính", true},
		{input.VNI, "ñy", "đy", true},
		{input.VNI, "ù", "ù", false},
	} {
		out, ok := fromLegacy(c.enc, c.typed)
		if out != c.out || ok != c.ok {
			t.Errorf("fromLegacy(%s, %q) = %q, %v; want %q, %v", c.enc, c.typed, out, ok, c.out, c.ok)
		}
	}
}
