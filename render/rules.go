package render

// The format rules of a Party document (Hướng dẫn 36-HD/VPTW), in one place for both backends.
// Lengths are in millimetres, type sizes and line heights in points.
const (
	PageWidth  = 210.0
	PageHeight = 297.0

	MarginTop    = 20.0
	MarginBottom = 20.0
	MarginLeft   = 30.0
	MarginRight  = 15.0

	// TextWidth is the width between the left and right margins: 165 mm.
	TextWidth = PageWidth - MarginLeft - MarginRight

	// HeaderLeftWidth is the left column of the header and of the closing band (about 45 %);
	// the right column takes the rest of the text width.
	HeaderLeftWidth  = 75.0
	HeaderRightWidth = TextWidth - HeaderLeftWidth

	// PageNumberTop is the distance of the page number's line from the top edge of the page.
	PageNumberTop = 10.0

	// FirstLineIndent is the body's first-line indent.
	FirstLineIndent = 10.0

	// RuleWidthPt is the thickness of the rule under ĐẢNG CỘNG SẢN VIỆT NAM.
	RuleWidthPt = 0.5
)

// Tables (the appendices of a consolidated report): 13 pt text on exact 16 pt lines, 1 mm of
// padding left and right in each cell, 0.5 pt borders.
const (
	SizeTable     = 13.0
	LineTable     = 16.0
	CellPadding   = 1.0
	BorderWidthPt = 0.5
)

// Type sizes.
const (
	SizeText       = 14.0 // body, header lines, signature block, page numbers
	SizeParty      = 15.0 // ĐẢNG CỘNG SẢN VIỆT NAM
	SizeKind       = 16.0 // BÁO CÁO
	SizeRecipients = 12.0 // the lines under "Nơi nhận:"
)

// Line heights ("exactly", as Word calls it) and paragraph spacing.
const (
	LineBody       = 20.0 // body lines
	SpaceAfterBody = 6.0  // after each body paragraph
	LineHeader     = 16.0 // header, title block and signature block lines
	LineKind       = 20.0 // the BÁO CÁO line
	LineRecipients = 14.0 // the 12 pt recipients' lines
	// SignatureLines is how many blank header lines are left for the signature (and seal).
	SignatureLines = 4
	// GapAfterHeader is the space between the header and the title block; GapAfterTitle the space
	// between the five hyphens and the body.
	GapAfterHeader = 20.0
	GapAfterTitle  = 6.0
)

// BaselineRatio places text on a line of exact height: its baseline sits at this fraction of the
// line's height below the line's top, as LibreOffice sets lines of fixed height.
const BaselineRatio = 0.8

// PtToMM converts points to millimetres.
func PtToMM(pt float64) float64 { return pt * 25.4 / 72 }
