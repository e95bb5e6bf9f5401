package main

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/examples/webhook-receiver/receiver"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

const (
	docToken = "xxxxyyyy"
	okReply  = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`
)

func v4Query(app, command string) string {
	return "SdkAppid=" + app + "&CallbackCommand=" + command + "&contenttype=json&ClientIP=203.0.113.7&OptPlatform=RESTAPI"
}

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var out testfixtures.SyncBuffer
	ready := make(chan string, 1)
	done := make(chan error, 1)
	env := map[string]string{"TENCENTRTC_SDK_APP_ID": "1400000000", "TENCENTRTC_CALLBACK_TOKEN": docToken}
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0"}, func(k string) string { return env[k] }, &out, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("run: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("not ready after 5 s")
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "webhook-receiver listening on http://"+addr {
		t.Fatalf("first line = %q", first)
	}

	now := strconv.FormatInt(time.Now().Unix(), 10)
	url := "http://" + addr + "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom") + "&Sign=" + receiver.Sign(docToken, now) + "&RequestTime=" + now
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(`{"RoomId":"r1"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != okReply {
		t.Fatalf("got %d %s\nlog:\n%s", resp.StatusCode, body, out.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if !strings.Contains(out.String(), "webhook-receiver stopped") {
		t.Errorf("log:\n%s", out.String())
	}
}

func TestRunNeedsSDKAppID(t *testing.T) {
	err := run(t.Context(), nil, func(string) string { return "" }, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "-sdkappid") {
		t.Fatalf("run without an app = %v", err)
	}
}
