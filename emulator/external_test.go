package emulator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// embedderTest is the whole test file of a fresh module that embeds the
// emulator as a user's module would: import the public package, start a
// server, call the API with a real UserSig, check the result.
const embedderTest = `package embedder

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

func TestEmbeddedEmulator(t *testing.T) {
	const app, key = 1400000042, "embedder-secret-key"
	srv, err := emulator.NewServer(emulator.Options{Apps: []emulator.App{{SDKAppID: app, SecretKey: key}}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sig, err := tencentyun.GenUserSig(app, key, emulator.DefaultIdentifier, 600)
	if err != nil {
		t.Fatal(err)
	}
	q := url.Values{"sdkappid": {fmt.Sprint(app)}, "identifier": {emulator.DefaultIdentifier},
		"usersig": {sig}, "random": {"7"}, "contenttype": {"json"}}
	resp, err := http.Post(srv.URL+"/v4/room_config/set_callback?"+q.Encode(), "application/json",
		strings.NewReader(` + "`" + `{"Url":"https://example.com/room","CallbackCommandList":["Room.CallbackAfterCreateRoom"]}` + "`" + `))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cfg, ok := srv.Config(app, emulator.ProductRoom)
	if !ok || cfg.URL != "https://example.com/room" {
		t.Fatalf("room configuration after set_callback: %+v, %v", cfg, ok)
	}
	if got := srv.Stats().Requests["/v4/room_config/set_callback"]; got != 1 {
		t.Fatalf("set_callback requests counted: %d, want 1", got)
	}
}
`

// TestExternalModule builds and tests a fresh module that requires this one
// (replaced by the local checkout), as another project embedding the
// emulator would: the package must be importable from outside this module
// and work from a test there. It needs the go command and the modules this
// repository already uses (the module cache, else the module proxy).
func TestExternalModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil {
		t.Fatal("no go directive in go.mod")
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	const self = "github.com/tencentrtc/terraform-provider-tencentrtc"
	files := map[string]string{
		"go.mod": "module example.com/embedder\n\ngo " + string(goVersion[1]) + "\n\n" +
			"require " + self + " v0.0.0\n\nreplace " + self + " => " + root + "\n",
		// Every checksum the embedder needs is one this repository already
		// verified: no checksum database lookup.
		"go.sum":           string(gosum),
		"embedder_test.go": embedderTest,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.CommandContext(t.Context(), goBin, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test in a module that requires %s: %v\n%s", self, err, out)
	}
	if !strings.Contains(string(out), "ok  \texample.com/embedder") {
		t.Fatalf("go test did not report the embedder's test as passed:\n%s", out)
	}
	t.Logf("the embedding module passed in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
}
