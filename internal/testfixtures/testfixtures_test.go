package testfixtures

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestWords(t *testing.T) {
	for _, p := range catalog.Products {
		sample, documented := SampleWords(p), DocumentedWords(p)
		if len(sample) != 2 || len(documented) < len(sample) {
			t.Errorf("%s: %d sample words, %d documented", p, len(sample), len(documented))
		}
		for _, w := range append(sample, documented...) {
			if c, ok := catalog.Lookup(p, w); !ok || c.IsAlias() {
				t.Errorf("%s: %q is not a current word of the product", p, w)
			}
		}
		SampleWords(p)[0] = "changed"
		if SampleWords(p)[0] == "changed" {
			t.Errorf("%s: SampleWords hands out its own slice", p)
		}
	}
}

func TestPatterns(t *testing.T) {
	wrapped := "Error: Invalid Callback\n    URL (see\n  docs)"
	if re := Flexible(`Invalid Callback URL \(see docs\)`); !re.MatchString(wrapped) {
		t.Errorf("Flexible %s does not match %q", re, wrapped)
	}
	if re := WrapPattern("Callback URL (see docs)"); !strings.Contains(re, `\(see`) {
		t.Errorf("WrapPattern did not quote: %s", re)
	}
	texts := Texts("Invalid Callback URL", "(see docs)")
	if !texts.MatchString(wrapped + "\nmore") {
		t.Errorf("Texts %s does not match %q", texts, wrapped)
	}
	if texts.MatchString("(see docs) Invalid Callback URL") {
		t.Errorf("Texts %s matches its texts out of order", texts)
	}
}

func TestHCL(t *testing.T) {
	got := ProviderConfig("http://127.0.0.1:1", `  max_retries = 2`)
	for _, want := range []string{`endpoint   = "http://127.0.0.1:1"`, "sdk_app_id = 1400000001", `"1400000002" = { secret_key = "0f1e`, "max_retries = 2\n}"} {
		if !strings.Contains(got, want) {
			t.Errorf("ProviderConfig lacks %q:\n%s", want, got)
		}
	}
	m := MultiApp{Endpoint: "http://127.0.0.1:1", Apps: ExtraApps(2), Products: []catalog.Product{catalog.Call, catalog.CallKit}, URLBase: "https://h", DefaultApp: 1400000101}
	got = m.HCL()
	for _, want := range []string{"sdk_app_id = 1400000101", `"1400000102" = { secret_key = "key-of-app-001-`, "apps     = [1400000101, 1400000102]", `products = ["call", "callkit"]`, `callkit = ["call_busy", "normal_end"]`, `url               = "https://h/${each.key}"`} {
		if !strings.Contains(got, want) {
			t.Errorf("MultiApp.HCL lacks %q:\n%s", want, got)
		}
	}
}

func TestWriteCLIConfig(t *testing.T) {
	dir := t.TempDir()
	path, err := WriteCLIConfig(dir, "/opt/bin")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || path != filepath.Join(dir, "cli.tfrc") {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.Count(string(b), `= "/opt/bin"`) != 2 || !strings.Contains(string(b), "dev_overrides") {
		t.Errorf("cli.tfrc:\n%s", b)
	}
}

func TestStartEmulator(t *testing.T) {
	srv := StartEmulator(t, emulator.Options{Apps: ExtraApps(1)})
	for _, app := range []uint64{AppID, App2ID, 1400000101} {
		if err := srv.PutConfig(app, catalog.Call, emulator.CallbackConfig{URL: "https://h", Commands: SampleWords(catalog.Call)}); err != nil {
			t.Errorf("app %d: %v", app, err)
		}
	}
}

func TestDecodeUserSig(t *testing.T) {
	// The test vector of API.md §UserSig (app 1400000000, the library README's key).
	const sig = "eAEBrwBQ-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiYWRtaW5pc3RyYXRvciIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwiVExTLmV4cGlyZSI6ODY0MDAsIlRMUy50aW1lIjoxNzAwMDAwMDAwLCJUTFMuc2lnIjoieUxBZSt3N1dVZVV1cWJWOWgvVFg3OHUyMW9UR2kraTlacDF1M1Bwblk2MD0ifQrwJDOc"
	doc, err := DecodeUserSig(sig)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `"TLS.sdkappid":1400000000,"TLS.expire":86400`) {
		t.Errorf("document = %s", doc)
	}
	if _, err := DecodeUserSig(sig[:20]); err == nil {
		t.Error("a truncated UserSig decoded")
	}
}

func TestUserSigRecorder(t *testing.T) {
	served := 0
	rec := &UserSigRecorder{Next: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served++ })}
	for _, target := range []string{"/v4/x?usersig=a", "/v4/x?usersig=b", "/v4/x?usersig=a", "/v4/x"} {
		rec.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, target, nil))
	}
	if got := strings.Join(slices.Sorted(slices.Values(rec.UserSigs())), ","); got != "a,b" || served != 4 {
		t.Errorf("UserSigs %q after %d requests served, want a,b after 4", got, served)
	}
}
