package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// stepStop is step 8: stop the servers and show that nothing is left
// running and nothing was written into the clone.
func (d *demo) stepStop(ctx context.Context) error {
	d.step("8. Stop the emulator, the receiver and the provider")
	addrs := []string{strings.TrimPrefix(d.emu.URL, "http://"), strings.TrimPrefix(d.rcvURL, "http://")}
	d.say("    (each shuts down gracefully: open requests finish, listeners close)")
	d.stopServers()
	d.receiverNews()
	for _, a := range addrs {
		conn, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", a)
		if err == nil {
			conn.Close()
			return fmt.Errorf("%s still accepts connections after the stop", a)
		}
	}
	d.say("    $E and $R refuse connections now")
	if leftover := processesUsing(d.work); len(leftover) > 0 {
		return fmt.Errorf("processes still running in or from %s: %s", d.work, strings.Join(leftover, "; "))
	}
	d.say(fmt.Sprintf("    nothing left running (every %s command exited; no process runs in or from %s)", d.cliName, d.work))
	if d.cloneBefore != nil {
		var added []string
		for f := range cloneFiles(d.root) {
			if !d.cloneBefore[f] {
				added = append(added, f)
			}
		}
		slices.Sort(added)
		if len(added) > 0 {
			d.say("    note: files appeared in the clone while the demo ran (the demo writes only to " + d.work + "):")
			for _, f := range added {
				d.say("        " + f)
			}
		} else {
			d.say("    the clone is untouched (no new file in it)")
		}
	}
	d.walkEnd = time.Now()
	return nil
}

// cloneRoot is the clone the demo runs from (the folder of this module's
// go.mod, at or above the working directory), or "".
func cloneRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod")) //nolint:gosec // a go.mod above the working directory
		if err == nil && bytes.HasPrefix(b, []byte("module github.com/tencentrtc/terraform-provider-tencentrtc\n")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// cloneFiles lists the files of the clone outside .git, to show at the end
// that the demo added none.
func cloneFiles(root string) map[string]bool {
	files := map[string]bool{}
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil //nolint:nilerr // an unreadable entry is not the demo's
		}
		if e.IsDir() && e.Name() == ".git" {
			return filepath.SkipDir
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files[rel] = true
		}
		return nil
	})
	return files
}

// processesUsing lists the processes whose working directory or command line
// lies in dir (Linux /proc; elsewhere it finds none).
func processesUsing(dir string) []string {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var found []string
	for _, p := range procs {
		cwd, _ := os.Readlink(filepath.Join(p, "cwd"))
		cmdline, _ := os.ReadFile(filepath.Join(p, "cmdline")) //nolint:gosec // /proc entries
		args := strings.TrimSpace(string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
		if strings.HasPrefix(cwd, dir) || strings.Contains(args, dir) {
			found = append(found, filepath.Base(p)+" "+args)
		}
	}
	return found
}
