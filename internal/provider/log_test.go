package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
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
