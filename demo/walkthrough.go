package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// walkthrough is the demo proper, step by step; it stops at the first
// failure.
func (d *demo) walkthrough(ctx context.Context) error {
	d.say("tencentrtc demo: manage Tencent RTC callback configurations with Terraform,")
	d.say("against the local emulator (no Tencent account, no network beyond 127.0.0.1).")
	steps := []func(context.Context) error{
		d.prepare, d.startServers,
		d.stepApply, d.stepPlan, d.stepDrift, d.stepRestore, d.stepImport, d.stepCallbacks, d.stepDestroy,
		d.stepStop,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	d.step("Done")
	d.say(fmt.Sprintf("    walkthrough %s, total %s (after go run compiled this program)",
		seconds(d.walkEnd.Sub(d.walkStart)), seconds(d.walkEnd.Sub(d.start))))
	d.say("    The configuration is demo/main.tf (+ demo/import/room.tf); the receiver is examples/webhook-receiver.")
	return nil
}

func (d *demo) stepApply(ctx context.Context) error {
	d.walkStart = time.Now()
	d.step("1. Apply the quick-start configuration (demo/main.tf)")
	d.say("    call and live callback configurations pointing at the receiver, and the Live signing token:")
	mainTF, err := tfFiles.ReadFile("main.tf")
	if err != nil {
		return err
	}
	shown := regexp.MustCompile(`^(resource|  (product|url|enabled))`)
	for line := range strings.SplitSeq(string(mainTF), "\n") {
		if shown.MatchString(line) {
			d.say("    " + line)
		}
	}
	if err := d.tfExpect(ctx, 0, nil, "apply -auto-approve", d.apply); err != nil {
		return err
	}
	d.say("    (The provider warns about plain-http callback URLs: fine for this loopback receiver; use https in production.)")
	return nil
}

func (d *demo) stepPlan(ctx context.Context) error {
	d.step("2. Plan again: nothing to do")
	return d.tfExpect(ctx, 0, nil, "plan -detailed-exitcode", d.plan)
}

func (d *demo) stepDrift(ctx context.Context) error {
	d.step("3. Someone changes the call configuration outside Terraform")
	r, err := d.api(ctx, http.MethodPut, configPath("call"),
		`{"url":"https://old-backend.example.com/call","callback_commands":["Call.CallbackAfterStartCall"]}`)
	if err != nil {
		return err
	}
	d.showBody(r, nil)
	d.say("")
	d.say("    The plan shows the drift (exit code 2 = changes):")
	return d.tfExpect(ctx, 2, nil, "plan -detailed-exitcode", d.plan)
}

func (d *demo) stepRestore(ctx context.Context) error {
	d.step("4. Apply restores the configured values")
	keep := regexp.MustCompile(`^ *# [a-z_]+\.|Plan:|Modif|Apply complete|Warning`)
	if err := d.tfExpect(ctx, 0, keep, "apply -auto-approve", d.apply); err != nil {
		return err
	}
	r, err := d.api(ctx, http.MethodGet, configPath("call"), "")
	if err != nil {
		return err
	}
	d.showBody(r, nil)
	if !strings.Contains(r.body, `"`+d.rcvURL+`/call"`) {
		return fmt.Errorf("the emulator does not hold the configured call URL %s/call", d.rcvURL)
	}
	return nil
}

func (d *demo) stepImport(ctx context.Context) error {
	d.step("5. Import a configuration created outside Terraform")
	r, err := d.api(ctx, http.MethodPut, configPath("room"),
		`{"url":"`+d.rcvURL+`/room","callback_commands":["Room.CallbackAfterCreateRoom","Room.CallbackAfterDestroyRoom"]}`)
	if err != nil {
		return err
	}
	d.say(fmt.Sprintf("    HTTP %d", r.status))
	d.say("")
	d.say("    Add an import block and the matching resource (demo/import/room.tf):")
	roomTF, err := d.addTFFile("import/room.tf")
	if err != nil {
		return err
	}
	in := false
	for line := range strings.SplitSeq(roomTF, "\n") {
		in = in || strings.HasPrefix(line, "import")
		if in {
			d.say("    " + line)
		}
		if in && strings.HasPrefix(line, "}") {
			break
		}
	}
	if err := d.tfExpect(ctx, 0, nil, "apply -auto-approve", d.apply); err != nil {
		return err
	}
	return d.tfExpect(ctx, 0, nil, "plan -detailed-exitcode", d.plan)
}

func (d *demo) stepCallbacks(ctx context.Context) error {
	d.step("6. Callbacks reach the receiver")
	d.say("    The emulator delivers an event the way Tencent does: POST to the configured URL with")
	d.say("    SdkAppid, CallbackCommand, contenttype=json, ClientIP, OptPlatform (+ Sign, RequestTime for Live).")
	for _, command := range []string{"Call.CallbackAfterStartCall", "Live.CallbackAfterCreateRoom"} {
		if err := d.trigger(ctx, command); err != nil {
			return err
		}
	}
	return d.forgedCallback(ctx)
}

// trigger asks the emulator to deliver command and shows what the receiver
// logged; a Live event must arrive with a valid signature.
func (d *demo) trigger(ctx context.Context, command string) error {
	r, err := d.api(ctx, http.MethodPost, "/emulator/trigger", fmt.Sprintf(`{"sdkappid":%d,"command":%q}`, app, command))
	if err != nil {
		return err
	}
	d.showBody(r, regexp.MustCompile(`"(delivered|url|status|reply|reason)"`))
	if !strings.Contains(r.body, `"delivered": true`) {
		return fmt.Errorf("the %s callback was not delivered", command)
	}
	d.say("    The receiver logged:")
	news := d.receiverNews()
	if strings.HasPrefix(command, "Live.") && !regexp.MustCompile(`ACCEPTED `+regexp.QuoteMeta(command)+` .*signature valid`).MatchString(news) {
		return fmt.Errorf("the receiver did not report a valid signature on the %s callback", command)
	}
	return nil
}

// forgedCallback posts a Live callback with a wrong Sign to the receiver.
func (d *demo) forgedCallback(ctx context.Context) error {
	now := strconv.FormatInt(time.Now().Unix(), 10)
	forged := fmt.Sprintf("SdkAppid=%d&CallbackCommand=Live.CallbackAfterCreateRoom&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=%s&Sign=", app, now)
	d.say("")
	d.say("    A forged Live callback (wrong Sign) is refused:")
	d.shown(`curl -s -X POST "$R/live?` + forged + `0000...0000" -d '{}'`)
	r, err := d.request(ctx, http.MethodPost, d.rcvURL+"/live?"+forged+strings.Repeat("0", 64), "{}")
	if err != nil {
		return err
	}
	d.showBody(r, nil)
	if err := d.expectStatus(r, http.StatusForbidden); err != nil {
		return err
	}
	d.say("    The receiver logged:")
	d.receiverNews()
	return nil
}

func (d *demo) stepDestroy(ctx context.Context) error {
	d.step("7. Destroy")
	keep := regexp.MustCompile(`^ *# [a-z_]+\.|Plan:|Destruction complete|Destroy complete|Warning`)
	if err := d.tfExpect(ctx, 0, keep, "destroy -auto-approve", d.destroy); err != nil {
		return err
	}
	d.say("")
	d.say("    The emulator holds no configuration and no token for the app any more:")
	paths := []string{configPath("call"), configPath("live"), configPath("room"), configPath("callkit"),
		fmt.Sprintf("/emulator/apps/%d/live-token    ", app)}
	for _, p := range paths {
		r, err := d.request(ctx, http.MethodGet, d.emu.URL+strings.TrimSpace(p), "")
		if err != nil {
			return err
		}
		d.say(fmt.Sprintf("    GET $E%s -> HTTP %d", p, r.status))
		if r.status != http.StatusNotFound {
			return fmt.Errorf("GET %s after destroy: HTTP %d, want 404: %s", strings.TrimSpace(p), r.status, d.redact(r.body))
		}
	}
	return nil
}

func configPath(product string) string {
	return fmt.Sprintf("/emulator/apps/%d/config/%s", app, product)
}

// seconds formats a duration as whole seconds with one decimal.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}
