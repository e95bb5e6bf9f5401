package provider

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// preIdentityCommit is the last commit before resource identity: the
// provider as released without it.
const preIdentityCommit = "ed50c87"

// buildProviderAt builds the provider binary of commit rev (from git archive,
// so the worktree is untouched) and returns its directory.
func buildProviderAt(t *testing.T, rev string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "-C", root, "cat-file", "-e", rev+"^{commit}").CombinedOutput(); err != nil {
		t.Fatalf("commit %s (the provider before resource identity) is not in the repository at %s: %v %s. "+
			"This test builds the old provider from it; use a full clone (git fetch --unshallow).", rev, root, err, out)
	}
	src, bin := t.TempDir(), t.TempDir()
	tarball := filepath.Join(src, "src.tar")
	if out, err := exec.Command("git", "-C", root, "archive", "--format=tar", "-o", tarball, rev).CombinedOutput(); err != nil {
		t.Fatalf("git archive %s: %v %s", rev, err, out)
	}
	if out, err := exec.Command("tar", "-xf", tarball, "-C", src).CombinedOutput(); err != nil {
		t.Fatalf("extracting git archive %s: %v %s", rev, err, out)
	}
	if err := testfixtures.BuildProvider(t.Context(), src, bin); err != nil {
		t.Fatalf("the provider at %s: %v", rev, err)
	}
	return bin
}

// useProvider points the workspace's dev_overrides at the binary in binDir.
func (w *cliWorkspace) useProvider(binDir string) {
	w.t.Helper()
	if _, err := testfixtures.WriteCLIConfig(w.dir, binDir); err != nil {
		w.t.Fatal(err)
	}
}

// stateIdentities returns the identity of every resource in the workspace's
// state (terraform show -json), keyed by address; nil for none.
func (w *cliWorkspace) stateIdentities() map[string]map[string]any {
	w.t.Helper()
	res := w.mustRun(0, "show", "-json")
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address  string         `json:"address"`
					Identity map[string]any `json:"identity"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		w.t.Fatalf("show -json: %v\n%s", err, res.stdout)
	}
	out := map[string]map[string]any{}
	for _, r := range doc.Values.RootModule.Resources {
		out[r.Address] = r.Identity
	}
	return out
}

// TestResourceIdentity_upgrade: a state written by the provider before
// resource identity gains the identity on the next refresh by the current
// provider, with an empty plan and no write to the API.
func TestResourceIdentity_upgrade(t *testing.T) {
	t.Parallel()
	cli := skipWithoutIdentity(t)
	oldBin := buildProviderAt(t, preIdentityCommit)
	srv := startEmulator(t)
	config := testfixtures.ProviderConfig(srv.URL) +
		testfixtures.CallbackConfigResource("test", testApp2ID, catalog.Live, "https://hooks.example.com/live") +
		liveTokenConfig(identityToken, "")
	w := newCLIWorkspace(t, config)

	w.useProvider(oldBin)
	w.mustRun(0, applyArgs()...)
	for addr, id := range w.stateIdentities() {
		if id != nil {
			t.Fatalf("the provider at %s already wrote an identity for %s (%v): this test needs a pre-identity build", preIdentityCommit, addr, id)
		}
	}

	w.useProvider(providerBinaryDir(t))
	srv.ResetStats()
	if res := w.run(planArgs()...); res.code != 0 {
		t.Fatalf("%s: the first plan with the current provider is not empty:\n%s", cli, res)
	}
	w.mustRun(0, applyArgs("-refresh-only")...)
	want := map[string]map[string]any{
		"tencentrtc_callback_config.test":     {"sdk_app_id": float64(testApp2ID), "product": "live"},
		"tencentrtc_live_callback_token.test": {"sdk_app_id": float64(testAppID)},
	}
	got := w.stateIdentities()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: identities after refresh = %v, want %v", cli, got, want)
	}
	if res := w.run(planArgs()...); res.code != 0 {
		t.Fatalf("%s: plan after the refresh is not empty:\n%s", cli, res)
	}
	if wr := writeRequests(srv); len(wr) > 0 {
		t.Fatalf("the upgrade wrote to the API: %v", wr)
	}
}
