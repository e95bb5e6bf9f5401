// Command httpc is the stand-in for curl that scripts/demo.sh builds when
// curl is not installed. It sends one request to a loopback URL and prints
// the response body followed by a line with the HTTP status, like
// `curl -s -X METHOD -d BODY -w '\n%{http_code}' URL`.
//
// Usage: httpc METHOD URL [BODY]
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "httpc:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) < 2 || len(args) > 3 {
		return fmt.Errorf("usage: httpc METHOD URL [BODY]")
	}
	u, err := url.Parse(args[1])
	if err != nil {
		return err
	}
	// The demo talks to loopback servers only.
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s is not a loopback URL", args[1])
	}
	var body io.Reader
	if len(args) == 3 {
		body = strings.NewReader(args[2])
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, args[0], u.String(), body) //nolint:gosec // G704: loopback URLs only, checked above
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req) //nolint:gosec // G704: loopback URLs only, checked above
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(stdout, resp.Body); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "\n%d\n", resp.StatusCode)
	return err
}
