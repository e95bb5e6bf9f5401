package provider

import "testing"

func TestRegionHint(t *testing.T) {
	tests := map[string]string{
		"ap-singapore":     "singapore",
		"AP-Singapore":     "singapore",
		"Singapore":        "singapore",
		" seoul ":          "seoul",
		"eu-frankfurt":     "frankfurt",
		"na-siliconvalley": "silicon-valley",
		"silicon_valley":   "silicon-valley",
		"ap-jakarta":       "jakarta",
		"ap-guangzhou":     "china",
		"ap-shanghai-fsi":  "china",
		"cn":               "china",
		"ap-tokyo":         "",
		"mars":             "",
		"ap-":              "",
	}
	for region, want := range tests {
		if got := regionHint(region); got != want {
			t.Errorf("regionHint(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestRegionAdvice(t *testing.T) {
	const use = "use one of china, singapore, seoul, frankfurt, silicon-valley, jakarta"
	if got := regionAdvice("mars"); got != use {
		t.Errorf("regionAdvice(mars) = %q, want %q", got, use)
	}
	want := use + `. "ap-singapore" is the singapore data center: write "singapore"`
	if got := regionAdvice("ap-singapore"); got != want {
		t.Errorf("regionAdvice(ap-singapore) = %q, want %q", got, want)
	}
}
