package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A plan as Terraform prints it with -no-color (terraform-exec's output).
const rawPlan = `tencentrtc_callback_config.call: Refreshing state... [id=1400000000/call]

Terraform used the selected providers to generate the following execution
plan. Resource actions are indicated with the following symbols:
  ~ update in-place

Terraform will perform the following actions:

  # tencentrtc_callback_config.call will be updated in-place
  ~ resource "tencentrtc_callback_config" "call" {
      ~ url = "https://old.example.com/call" -> "http://127.0.0.1:1/call"
    }

Plan: 0 to add, 1 to change, 0 to destroy.

Warning: Insecure Callback URL

  with tencentrtc_callback_config.call,
  on main.tf line 28, in resource "tencentrtc_callback_config" "call":
  28:   url     = "${var.receiver_url}/call"

url "http://127.0.0.1:1/call" uses plain http, so callback payloads (user
IDs, room and call details) travel unencrypted.

(and one more similar warning elsewhere)

Warning: Another Warning

  on main.tf line 40:
  40:   enabled = true

Its detail.

Warning: Third Warning

  on main.tf line 50:
  50:   enabled = true

Its detail.

(and 2 more similar warnings elsewhere)
`

func TestTrimTF(t *testing.T) {
	want := []string{
		"tencentrtc_callback_config.call: Refreshing state... [id=1400000000/call]",
		"",
		"  # tencentrtc_callback_config.call will be updated in-place",
		`  ~ resource "tencentrtc_callback_config" "call" {`,
		`      ~ url = "https://old.example.com/call" -> "http://127.0.0.1:1/call"`,
		"    }",
		"",
		"Plan: 0 to add, 1 to change, 0 to destroy.",
		"",
		"Warning: Insecure Callback URL: main.tf line 28 (and 1 more)",
		"",
		"Warning: Another Warning: main.tf line 40",
		"",
		"Warning: Third Warning: main.tf line 50 (and 2 more)",
	}
	if got := trimTF(rawPlan); !slices.Equal(got, want) {
		t.Fatalf("trimTF:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	noChanges := "No changes. Your infrastructure matches the configuration.\n\n" +
		"Terraform has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n\nDone.\n"
	if got := trimTF(noChanges); !slices.Equal(got, []string{"No changes. Your infrastructure matches the configuration.", "", "Done."}) {
		t.Fatalf("trimTF kept the boilerplate paragraph: %q", got)
	}
}

// TestDemo runs the whole walkthrough against the Terraform CLI on PATH (or
// TERRAFORM), as make demo does.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Terraform CLI")
	}
	if os.Getenv("TERRAFORM") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			t.Skip("no terraform on PATH: make demo builds OpenTofu instead, too slow for a unit test")
		}
	}
	var out, errOut strings.Builder
	if code := run(t.Context(), &out, &errOut); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
	text := out.String()
	for _, want := range []string{
		`Apply complete! Resources: 3 added`,
		"No changes. Your infrastructure matches the configuration.",
		"(exit code 2)",
		`~ url\s+= "https://old-backend.example.com/call" -> "http://127.0.0.1:\d+/call"`,
		`Modifications complete`,
		`Apply complete! Resources: 1 imported`,
		`ACCEPTED Call.CallbackAfterStartCall for SdkAppid 1400000000 .*unsigned`,
		`ACCEPTED Live.CallbackAfterCreateRoom .*signature valid`,
		`REJECTED Live.CallbackAfterCreateRoom: signature check failed`,
		`Destroy complete! Resources: 4 destroyed.`,
		`live-token +-> HTTP 404`,
		"webhook-receiver stopped",
		"nothing left running",
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the output lacks %q", want)
		}
	}
	for _, secret := range []string{secretKey, liveToken} {
		if strings.Contains(text+errOut.String(), secret) {
			t.Errorf("a demo secret was printed")
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", text)
	}
}
