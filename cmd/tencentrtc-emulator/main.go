// Command tencentrtc-emulator serves a local emulator of the Tencent RTC
// callback-configuration APIs (v4 call/live/room_config and legacy v1
// callkit), for tests, demos and CI pipelines.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

// appsEnv holds extra apps, comma-separated, in the -app syntax.
const appsEnv = "TENCENTRTC_EMULATOR_APPS"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// appFlags collects repeated -app values. Set records a bad value instead of
// returning it: the flag package would quote the value, secret included, in
// its error message.
type appFlags struct {
	apps []emulator.App
	err  error
}

func (a *appFlags) String() string { return "" }

func (a *appFlags) Set(v string) error {
	app, err := parseApp(v)
	if err != nil {
		if a.err == nil {
			a.err = fmt.Errorf("invalid -app value #%d: %w", len(a.apps)+1, err)
		}
		return nil
	}
	a.apps = append(a.apps, app)
	return nil
}

// parseApp parses SDKAPPID:SECRET[:IDENTIFIER]. Its errors never contain the
// secret.
func parseApp(v string) (emulator.App, error) {
	parts := strings.SplitN(strings.TrimSpace(v), ":", 3)
	if len(parts) < 2 {
		return emulator.App{}, errors.New("want SDKAPPID:SECRET[:IDENTIFIER]")
	}
	id, err := strconv.ParseUint(parts[0], 10, 64)
	if err != nil || id == 0 {
		return emulator.App{}, fmt.Errorf("SDKAPPID %q is not a positive integer (want SDKAPPID:SECRET[:IDENTIFIER])", parts[0])
	}
	if parts[1] == "" {
		return emulator.App{}, fmt.Errorf("app %d: the secret key is empty", id)
	}
	app := emulator.App{SDKAppID: id, SecretKey: parts[1]}
	if len(parts) == 3 {
		if parts[2] == "" {
			return emulator.App{}, fmt.Errorf("app %d: the identifier after the second colon is empty", id)
		}
		app.Identifier = parts[2]
	}
	return app, nil
}

// config is what the command line and the environment ask for.
type config struct {
	listen string
	opts   emulator.Options
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cfg, code := parseConfig(args, stderr, getenv)
	if code >= 0 {
		return code
	}
	srv, err := emulator.Listen(cfg.listen, cfg.opts)
	if err != nil {
		fmt.Fprintf(stderr, "tencentrtc-emulator: %v\n", err)
		return 1
	}
	logger := cfg.opts.Logger
	fmt.Fprintln(stdout, "tencentrtc-emulator listening on "+srv.URL) // scripts and tests read this line
	if len(cfg.opts.Apps) == 0 {
		logger.Warn("no apps configured: add one with -app, " + appsEnv + " or POST /emulator/apps")
	}
	<-ctx.Done()
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Warn("forced shutdown", "error", err)
		srv.Close()
	}
	return 0
}

// parseConfig reads the flags and the environment. It returns the exit code
// when the command must stop (0 after -help, 2 for bad input, reported on
// stderr), or -1 to go on serving.
func parseConfig(args []string, stderr io.Writer, getenv func(string) string) (config, int) {
	fs := flag.NewFlagSet("tencentrtc-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var apps appFlags
	listen := fs.String("listen", "127.0.0.1:0", "`address` to listen on; port 0 picks a free port")
	fs.Var(&apps, "app", "an app the emulator knows, as `SDKAPPID:SECRET[:IDENTIFIER]` (identifier defaults to administrator); repeatable")
	statePath := fs.String("state", "", "persist configurations and Live tokens to this JSON `file` (loaded at start, rewritten atomically after every change); empty keeps them in memory")
	v4Rate := fs.Float64("v4-rate", emulator.DefaultV4RateLimit, "v4 requests per second per app, shared by every v4 path (over the limit: 60007)")
	v1Rate := fs.Float64("v1-rate", emulator.DefaultV1RateLimit, "v1 callkit requests per second per app (over the limit: 70005)")
	maxBody := fs.Int64("max-body-bytes", emulator.DefaultMaxBodyBytes, "largest accepted API request body in `bytes`")
	logLevel := fs.String("log-level", "info", "log `level` on stderr: debug, info, warn or error (secrets are never logged)")
	logFormat := fs.String("log-format", "text", "log `format` on stderr: text or json")
	fs.Usage = func() { usage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, 0
		}
		return config{}, 2
	}
	if apps.err != nil {
		return config{}, complain(stderr, "%v", apps.err)
	}
	if fs.NArg() > 0 {
		return config{}, complain(stderr, "unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	envApps, err := parseAppsEnv(getenv(appsEnv))
	if err != nil {
		return config{}, complain(stderr, "%v", err)
	}
	logger, err := newLogger(stderr, *logLevel, *logFormat)
	if err != nil {
		return config{}, complain(stderr, "%v", err)
	}
	if *v4Rate <= 0 || *v1Rate <= 0 || *maxBody <= 0 {
		return config{}, complain(stderr, "-v4-rate, -v1-rate and -max-body-bytes must be positive")
	}
	return config{listen: *listen, opts: emulator.Options{
		Apps:         append(apps.apps, envApps...),
		StatePath:    *statePath,
		V4RateLimit:  *v4Rate,
		V1RateLimit:  *v1Rate,
		MaxBodyBytes: *maxBody,
		Logger:       logger,
	}}, -1
}

// complain reports bad input on stderr and returns the usage exit code 2.
func complain(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "tencentrtc-emulator: "+format+"\n", args...)
	return 2
}

// parseAppsEnv parses the comma-separated apps of TENCENTRTC_EMULATOR_APPS.
func parseAppsEnv(env string) ([]emulator.App, error) {
	env = strings.TrimSpace(env)
	if env == "" {
		return nil, nil
	}
	var apps []emulator.App
	for i, v := range strings.Split(env, ",") {
		app, err := parseApp(v)
		if err != nil {
			return nil, fmt.Errorf("%s entry %d: %w", appsEnv, i+1, err)
		}
		apps = append(apps, app)
	}
	return apps, nil
}

// newLogger builds the stderr logger of -log-level and -log-format.
func newLogger(stderr io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("invalid -log-level %q: use debug, info, warn or error", level)
	}
	hopts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(stderr, hopts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(stderr, hopts)), nil
	}
	return nil, fmt.Errorf("invalid -log-format %q: use text or json", format)
}

func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `Usage: tencentrtc-emulator [-listen 127.0.0.1:0] [-app SDKAPPID:SECRET[:IDENTIFIER]]... [-state FILE] [flags]

A local emulator of the Tencent RTC callback-configuration APIs:
  POST /v4/{call,live,room}_config/<verb>   (v4 Chat REST envelope)
  POST /v1/callback/{set,get,update,delete} (legacy TUICallKit v1 envelope)
Every request needs sdkappid, identifier (the app administrator), usersig (a real
UserSig minted with the app's secret key), random (uint32) and contenttype=json.

The first line on stdout is "tencentrtc-emulator listening on http://HOST:PORT".
Apps may also come from the environment variable `+appsEnv+` (comma-separated,
same syntax as -app). SIGINT or SIGTERM shut the emulator down gracefully.

Flags:
`)
	fs.PrintDefaults()
	fmt.Fprint(w, `
Control API (accepted from loopback addresses only; others get HTTP 403):
`)
	for _, r := range emulator.ControlRoutes() {
		fmt.Fprintf(w, "  %-6s %-45s %s\n", r.Method, r.Path, r.Description)
	}
	fmt.Fprint(w, `
Products: call, live, room, callkit. Fault kinds: http_status, error_code,
throttle, delay, drop, drop_after_apply, truncate, non_json.

Examples (E=http://127.0.0.1:PORT):
  curl -s -X POST $E/emulator/apps -d '{"sdkappid":1400000001,"secret_key":"KEY"}'
  curl -s -X PUT  $E/emulator/apps/1400000001/config/call \
       -d '{"url":"https://example.com/cb","callback_commands":["Call.CallbackAfterStartCall"]}'
  curl -s $E/emulator/apps/1400000001/config/call
  curl -s -X DELETE $E/emulator/apps/1400000001/config/call
  curl -s -X PUT $E/emulator/apps/1400000001/live-token -d '{"token":"xxxxyyyy","enabled":true}'
  curl -s -X POST $E/emulator/faults -d '{"kind":"http_status","status":502,"count":2}'
  curl -s -X POST $E/emulator/faults -d '{"kind":"delay","delay_ms":3000,"path_prefix":"/v4/live_config/"}'
  curl -s -X POST $E/emulator/faults -d '{"kind":"error_code","code":100001,"sdkappid":1400000001}'
  curl -s -X DELETE $E/emulator/faults
  curl -s $E/emulator/stats
  curl -s -X DELETE $E/emulator/stats
  curl -s -X POST $E/emulator/trigger -d '{"sdkappid":1400000001,"command":"Call.CallbackAfterStartCall"}'
  curl -s -X POST $E/emulator/trigger \
       -d '{"sdkappid":1400000001,"command":"Mic.CallbackAfterSeatInfoChanged","product":"room","body":{"RoomId":"r1"}}'
  curl -s $E/emulator/state
`)
}
