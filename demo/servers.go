package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/examples/webhook-receiver/receiver"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/provider"
)

// The provider's addresses: Terraform's and OpenTofu's registry.
var providerAddrs = []string{"registry.terraform.io/tencentrtc/tencentrtc", "registry.opentofu.org/tencentrtc/tencentrtc"}

// prepare is step 0: the CLI and the folder the CLI works in.
func (d *demo) prepare(ctx context.Context) error {
	d.step("0. One Go program: the provider, the emulator and the example webhook receiver")
	d.shown("go run ./demo")
	d.say("    (go run compiled them into this program: a first build on a machine compiles the")
	d.say("    dependencies, a few minutes; later runs take seconds)")
	if d.root != "" {
		d.cloneBefore = cloneFiles(d.root)
	}
	cli, name, err := findCLI(ctx, d.root, d.out)
	if err != nil {
		return err
	}
	d.cli, d.cliName = cli, name
	// An empty CLI configuration: no dev_overrides, mirrors or plugin
	// caches of the caller's apply here, and a missing file named by
	// TF_CLI_CONFIG_FILE does not break OpenTofu.
	if err := os.WriteFile(d.tfrc(), nil, 0o600); err != nil {
		return err
	}
	if err := setenv(map[string]string{"TF_CLI_CONFIG_FILE": d.tfrc(), "CHECKPOINT_DISABLE": "1"}); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(d.work, "tf"), 0o700); err != nil {
		return err
	}
	if d.tf, err = d.newTF(); err != nil {
		return err
	}
	version, _, err := d.tf.Version(ctx, true)
	if err != nil {
		return err
	}
	product := "Terraform"
	if name == "tofu" || strings.Contains(filepath.Base(cli), "tofu") {
		product = "OpenTofu"
	}
	d.say(fmt.Sprintf("    CLI: %s (%s v%s)", cli, product, version))
	if _, err := d.addTFFile("main.tf"); err != nil {
		return err
	}
	d.say(fmt.Sprintf("    working folder %s (removed at the end)", d.work))
	return nil
}

// startServers starts the emulator, the receiver and the provider in this
// process and sets the environment of the provider and of the CLI.
func (d *demo) startServers(_ context.Context) error {
	d.step("Start the emulator, the webhook receiver and the provider in this program")
	if err := cleanEnv(); err != nil {
		return err
	}
	var err error
	d.say("\n  emulator.NewServer(emulator.Options{Apps: []emulator.App{{SDKAppID: 1400000000, SecretKey: ...}}})")
	d.emu, err = emulator.NewServer(emulator.Options{Apps: []emulator.App{{SDKAppID: app, SecretKey: secretKey}}})
	if err != nil {
		return fmt.Errorf("starting the emulator: %w", err)
	}
	d.say("    tencentrtc-emulator listening on " + d.emu.URL)
	d.say(`    (as a process: TENCENTRTC_EMULATOR_APPS="1400000000:$TENCENTRTC_SECRET_KEY" tencentrtc-emulator -listen 127.0.0.1:0)`)

	d.say("\n  &receiver.Receiver{SDKAppID: 1400000000, Token: $LIVE_TOKEN}, served on 127.0.0.1:0")
	if err := d.startReceiver(); err != nil {
		return fmt.Errorf("starting the webhook receiver: %w", err)
	}
	d.receiverNews()
	d.say("    (as a process: TENCENTRTC_CALLBACK_TOKEN=$LIVE_TOKEN webhook-receiver -listen 127.0.0.1:0 -sdkappid 1400000000)")

	d.say("")
	d.say(`  tf6server.Serve("registry.terraform.io/tencentrtc/tencentrtc", provider, tf6server.WithDebug(...))`)
	if d.reattach, err = d.startProvider(); err != nil {
		return fmt.Errorf("serving the provider: %w", err)
	}
	d.say("    (the CLI attaches to it through TF_REATTACH_PROVIDERS instead of starting a plugin binary)")
	d.say("")
	d.say("    E=" + d.emu.URL + "   # the emulator (stands in for the Tencent APIs)")
	d.say("    R=" + d.rcvURL + "   # the webhook receiver (your backend)")
	d.say("")
	d.say("    export TENCENTRTC_ENDPOINT=$E TENCENTRTC_SDK_APP_ID=1400000000 TENCENTRTC_SECRET_KEY=...")
	d.say("    export TF_VAR_receiver_url=$R TF_VAR_live_callback_token=...")
	d.say("    export TF_REATTACH_PROVIDERS='{...}'   # the provider served here: no build, no registry, no init")
	return d.setEnv()
}

func (d *demo) startReceiver() error {
	rc := &receiver.Receiver{SDKAppID: app, Token: liveToken, Log: log.New(&d.rcvLog, "", 0)}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	d.rcvURL = "http://" + ln.Addr().String()
	d.rcvSrv = &http.Server{Handler: rc, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	d.rcvLog.printf("webhook-receiver listening on %s", d.rcvURL)
	d.rcvLog.printf("%s", rc.Summary())
	go func(srv *http.Server) { _ = srv.Serve(ln) }(d.rcvSrv)
	return nil
}

// startProvider serves the provider over go-plugin's gRPC in debug mode, as
// terraform-plugin-testing does, and returns the TF_REATTACH_PROVIDERS value
// that lets the CLI use it.
func (d *demo) startProvider() (tfexec.ReattachInfo, error) {
	// The gRPC socket goes into the demo's folder, removed at the end.
	if err := os.Setenv(plugin.EnvUnixSocketDir, d.work); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	config := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(providerAddrs[0], providerserver.NewProtocol6(provider.New("demo")()),
			tf6server.WithDebug(ctx, config, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-config:
	case err := <-served:
		cancel()
		return nil, errors.Join(errors.New("the provider server stopped at once"), err)
	case <-time.After(10 * time.Second):
		cancel()
		return nil, errors.New("no reattach configuration from the provider server within 10 s")
	}
	d.stopProvider = func() {
		cancel()
		select {
		case <-closed:
		case <-time.After(5 * time.Second):
		}
	}
	d.say(fmt.Sprintf("    provider served on %s:%s", rc.Addr.Network(), rc.Addr.String()))
	info := tfexec.ReattachInfo{}
	for _, a := range providerAddrs {
		info[a] = tfexec.ReattachConfig{Protocol: string(rc.Protocol), ProtocolVersion: rc.ProtocolVersion, Pid: rc.Pid, Test: rc.Test,
			Addr: tfexec.ReattachConfigAddr{Network: rc.Addr.Network(), String: rc.Addr.String()}}
	}
	return info, nil
}

// cleanEnv removes the settings of the caller's shell that would change the
// provider or the CLI, and silences the provider's SDK logs, which would go
// to this program's stderr (a plugin's logs go to the CLI, which drops them).
func cleanEnv() error {
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TENCENTRTC_") || strings.HasPrefix(k, "TF_LOG") || strings.HasPrefix(k, "TF_CLI_ARGS") ||
			k == "TF_WORKSPACE" || k == "TF_DATA_DIR" || k == "TF_REATTACH_PROVIDERS" {
			if err := os.Unsetenv(k); err != nil {
				return err
			}
		}
	}
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_TENCENTRTC"} {
		if err := os.Setenv(k, "off"); err != nil {
			return err
		}
	}
	return nil
}

// setEnv gives the in-process provider its settings (it reads the
// environment, like in CI) and the CLI its variables: terraform-exec runs the
// CLI in this process's environment.
func (d *demo) setEnv() error {
	noProxy := "127.0.0.1,localhost"
	return setenv(map[string]string{
		"TENCENTRTC_ENDPOINT": d.emu.URL, "TENCENTRTC_SDK_APP_ID": fmt.Sprint(app), "TENCENTRTC_SECRET_KEY": secretKey,
		"NO_PROXY": joinNonEmpty(noProxy, os.Getenv("NO_PROXY")), "no_proxy": joinNonEmpty(noProxy, os.Getenv("no_proxy")),
		"TF_VAR_receiver_url": d.rcvURL, "TF_VAR_live_callback_token": liveToken,
	})
}

func setenv(vars map[string]string) error {
	for k, v := range vars {
		if err := os.Setenv(k, v); err != nil {
			return err
		}
	}
	return nil
}

// tfrc is the CLI configuration file the demo gives the CLI.
func (d *demo) tfrc() string { return filepath.Join(d.work, "cli.tfrc") }

func joinNonEmpty(a, b string) string {
	if b == "" {
		return a
	}
	return a + "," + b
}
