package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

func TestTflogBridgeMasksSecrets(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	d := &providerData{secretKeys: map[uint64]string{testAppID: testAppSecret, testApp2ID: testApp2Secret}}
	// The operation's context carries the masks; the bridge inherits them.
	ctx := d.logContext(tflogtest.RootLogger(context.Background(), &out), testAppID)
	var b tflogBridge

	b.Debug(ctx, "request to https://h/v4/x?sdkappid=1&usersig=eJwSIGNATURE&random=2 with key "+testAppSecret, map[string]any{
		"sdk_app_id": uint64(testAppID),
		"url":        "https://h/v4/x?usersig=eJwSIGNATURE",
		"secret_key": "anything",
		"note":       "key=" + testAppSecret,
	})
	b.Warn(ctx, "warned", map[string]any{"token": "tok-123"})

	got := out.String()
	for _, leak := range []string{testAppSecret, "eJwSIGNATURE", "anything", "tok-123"} {
		if strings.Contains(got, leak) {
			t.Errorf("log leaks %q:\n%s", leak, got)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("got %d log entries, want 2", len(entries))
	}
	if entries[0]["sdk_app_id"] != "1400000001" {
		t.Errorf("sdk_app_id logged as %#v, want the decimal string", entries[0]["sdk_app_id"])
	}
	if entries[1]["@level"] != "warn" {
		t.Errorf("Warn logged at %v", entries[1]["@level"])
	}
}

// TestResolveLogsDecimalSDKAppID checks that every log line of an
// operation carries sdk_app_id as a decimal string, without the caller
// adding it, and that an unconfigured provider is an error.
func TestResolveLogsDecimalSDKAppID(t *testing.T) {
	t.Parallel()
	c, err := client.New(client.Options{SDKAppID: testApp2ID, SecretKey: testApp2Secret})
	if err != nil {
		t.Fatal(err)
	}
	d := &providerData{defaultApp: testAppID, clients: map[uint64]*client.Client{testApp2ID: c}}
	var out bytes.Buffer
	var diags diag.Diagnostics
	ctx, got := d.resolve(tflogtest.RootLogger(context.Background(), &out), types.Int64Value(testApp2ID), "Summary", &diags)
	if diags.HasError() || got.app != testApp2ID || got.client != c {
		t.Fatalf("resolve = %d, %p, %v", got.app, got.client, diags)
	}
	tflog.Debug(ctx, "an operation's log line")
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("entries %v: %v", entries, err)
	}
	if entries[0]["sdk_app_id"] != "1400000002" {
		t.Errorf("sdk_app_id logged as %#v, want the decimal string", entries[0]["sdk_app_id"])
	}

	var unconfigured *providerData
	if _, got := unconfigured.resolve(context.Background(), types.Int64Null(), "Summary", &diags); got.client != nil || !diags.HasError() || diags[0].Summary() != "Summary" {
		t.Errorf("unconfigured provider: %p, %v", got.client, diags)
	}
}

// TestCliDropsDebug: debug lines are skipped only when a CLI started the
// plugin and its TF_LOG_PROVIDER / TF_LOG level keeps no debug line.
func TestCliDropsDebug(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false}, // not a CLI's plugin: debug mode, tests
		{map[string]string{"TF_LOG": "off"}, false},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c"}, true},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "DEBUG"}, false},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "trace"}, false},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "JSON"}, false},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "bogus"}, false}, // the CLI falls back to TRACE
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "WARN"}, true},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "info"}, true},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "ERROR", "TF_LOG_PROVIDER": "DEBUG"}, false},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG": "TRACE", "TF_LOG_PROVIDER": "OFF"}, true},
		{map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "c", "TF_LOG_PATH": "/tmp/x"}, true},
	} {
		if got := cliDropsDebug(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("cliDropsDebug(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
	if cliDropsDebugLogs {
		t.Error("the test binary is no CLI's plugin, yet its debug lines are dropped")
	}
}

// TestTflogBridgeDropDebug: a bridge told that the CLI drops debug lines
// writes none, but still writes warnings (retries).
func TestTflogBridgeDropDebug(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	b := tflogBridge{dropDebug: true}
	b.Debug(ctx, "tencentrtc API call succeeded", map[string]any{"sdk_app_id": uint64(testAppID)})
	b.Warn(ctx, "tencentrtc API attempt failed, retrying", map[string]any{"sdk_app_id": uint64(testAppID)})
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0]["@level"] != "warn" {
		t.Errorf("got %v, want only the warning", entries)
	}
}
