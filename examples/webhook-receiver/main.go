// Command webhook-receiver is a small receiver for Tencent RTC callbacks that
// you can copy as the starting point of your own backend.
//
// It checks that SdkAppid in the query is your app, and when a Live callback
// token is configured it verifies Sign = hex(sha256(token + RequestTime)) and
// rejects requests whose RequestTime is more than a minute away from its
// clock. It logs the command, the query and the body of every callback and
// answers {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0} (legacy
// TUICallKit v1 callbacks get {"ErrorCode":0,"ErrorMessage":"Success"}).
//
// Usage:
//
//	webhook-receiver -listen 127.0.0.1:8081 -sdkappid 1400000000
//
// The token comes from -token or, better (it then stays out of the process
// list), from the TENCENTRTC_CALLBACK_TOKEN environment variable. Point the
// Live callback URL at http://HOST:PORT/live and the other products at any
// other path (/call, /room, ...): with a token, callbacks under -signed-path
// (default /live) must be signed, others are accepted unsigned because
// Tencent documents signing for Live only.
//
// The first line on stdout is "webhook-receiver listening on http://HOST:PORT",
// so that scripts can start it on port 0 and read the address. The default
// port is 8081, beside the emulator's usual 8080. The handler itself is the
// package receiver, for use in-process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/examples/webhook-receiver/receiver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(2)
	}
}

// run parses args, serves until ctx ends and then shuts down gracefully.
// When ready is not nil it receives the listening address.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, ready chan<- string) error {
	fs := flag.NewFlagSet("webhook-receiver", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8081", "address to listen on (port 0 picks a free port)")
	appDefault := getenv("TENCENTRTC_SDK_APP_ID")
	app := fs.String("sdkappid", appDefault, "your SDKAppID; callbacks for any other app are rejected (env TENCENTRTC_SDK_APP_ID)")
	token := fs.String("token", "", "Live callback token; enables signature checks (env TENCENTRTC_CALLBACK_TOKEN, preferred)")
	signedPath := fs.String("signed-path", "/live", "with a token, callbacks whose path starts with this must be signed")
	maxSkew := fs.Duration("max-skew", receiver.DefaultMaxSkew, "largest accepted |now - RequestTime| of a signed callback")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	sdkAppID, err := strconv.ParseUint(*app, 10, 64)
	if err != nil || sdkAppID == 0 {
		return errors.New("-sdkappid (or TENCENTRTC_SDK_APP_ID) must be your SDKAppID, a positive number")
	}
	if *token == "" {
		*token = getenv("TENCENTRTC_CALLBACK_TOKEN")
	}

	logger := log.New(stdout, "", log.LstdFlags)
	rc := &receiver.Receiver{
		SDKAppID:   sdkAppID,
		Token:      *token,
		SignedPath: *signedPath,
		MaxSkew:    *maxSkew,
		Log:        logger,
	}

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *listen)
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	// Scripts wait for this first line (stdout is unbuffered).
	if _, err := fmt.Fprintf(stdout, "webhook-receiver listening on http://%s\n", addr); err != nil {
		_ = ln.Close()
		return err
	}
	logger.Printf("%s", rc.Summary())
	if ready != nil {
		ready <- addr
	}

	srv := &http.Server{
		Handler:           rc,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	logger.Printf("webhook-receiver stopped")
	return nil
}
