package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// startGroup starts cmd as the leader of a new process group. Cancelling ctx
// (and finishing, see killGroup) kills the whole group, so no terraform,
// provider plugin or emulator outlives the harness, and a Ctrl-C in the
// terminal reaches only the harness, which then cleans up in order.
func startGroup(cmd *exec.Cmd) error {
	inGroup(cmd)
	return cmd.Start()
}

// inGroup sets cmd up to start as the leader of a new process group that
// cancelling its context kills (see startGroup).
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd) }
	cmd.WaitDelay = 5 * time.Second
}

// killGroup sends SIGKILL to cmd's process group. It is harmless when the
// group is already gone.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if err == syscall.ESRCH {
		return nil
	}
	return err
}

// memWatch follows the provider plugins that a terraform process starts and
// records the highest VmHWM (peak resident set) any of them reached. Terraform
// starts the plugin as its direct child; several short-lived instances may
// run one after another during one command.
//
// Only PIDs above the terraform PID are examined: children are created after
// their parent, and skipping the rest keeps the poll cheap (it runs beside the
// timed command). A PID wrap-around during a run would hide a child; on a
// 2^22 PID space that does not happen within one run.
type memWatch struct {
	parent   int
	name     string // /proc/<pid>/stat comm: first 15 bytes of the binary name
	interval time.Duration

	mu    sync.Mutex
	peak  map[int]int64 // pid → VmHWM in KiB
	stop  chan struct{}
	done  chan struct{}
	start sync.Once
}

func newMemWatch(parent int, binaryName string, interval time.Duration) *memWatch {
	name := binaryName
	if len(name) > 15 {
		name = name[:15]
	}
	return &memWatch{
		parent:   parent,
		name:     name,
		interval: interval,
		peak:     make(map[int]int64),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
}

func (w *memWatch) run() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	known := make(map[int]bool) // pid → is our plugin
	for {
		w.poll(known)
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

func (w *memWatch) poll(known map[int]bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= w.parent {
			continue
		}
		plugin, seen := known[pid]
		if !seen {
			plugin = w.isPlugin(pid)
			known[pid] = plugin
		}
		if !plugin {
			continue
		}
		if kib, ok := vmHWM(pid); ok {
			w.mu.Lock()
			if kib > w.peak[pid] {
				w.peak[pid] = kib
			}
			w.mu.Unlock()
		}
	}
}

// isPlugin reports whether pid is a child of the watched terraform process
// running the provider binary.
func (w *memWatch) isPlugin(pid int) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	// pid (comm) state ppid ...; comm may contain spaces, so cut at the last ')'.
	open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if open < 0 || end < open {
		return false
	}
	if string(b[open+1:end]) != w.name {
		return false
	}
	fields := bytes.Fields(b[end+1:])
	if len(fields) < 2 {
		return false
	}
	ppid, err := strconv.Atoi(string(fields[1]))
	return err == nil && ppid == w.parent
}

// vmHWM returns the peak resident set size of pid in KiB.
func vmHWM(pid int) (int64, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := bytes.Fields(v) // "12345", "kB"
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(string(f[0]), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

func (w *memWatch) Start() { w.start.Do(func() { go w.run() }) }

// Stop ends the polling and returns the highest peak of any plugin process
// (KiB).
func (w *memWatch) Stop() (peakKiB int64) {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, kib := range w.peak {
		peakKiB = max(peakKiB, kib)
	}
	return peakKiB
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
