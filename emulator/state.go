package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// appState is everything the emulator stores for one SDKAppID. State is keyed
// by SDKAppID independently of the app registry, so a state file can be
// loaded before its apps are added.
type appState struct {
	Configs   map[catalog.Product]CallbackConfig `json:"configs,omitempty"`
	LiveToken *LiveToken                         `json:"live_token,omitempty"`
}

// stateFile is the JSON layout of Options.StatePath. It holds configs and
// tokens, never secret keys.
type stateFile struct {
	Version int                  `json:"version"`
	Apps    map[uint64]*appState `json:"apps"`
}

func validateApp(a App) error {
	if a.SDKAppID == 0 {
		return fmt.Errorf("%w: SDKAppID must not be 0", ErrInvalid)
	}
	if a.SecretKey == "" {
		return fmt.Errorf("%w: app %d has an empty secret key", ErrInvalid, a.SDKAppID)
	}
	return nil
}

// AddApp registers an app or replaces the key and identifier of a known one.
// An invalid app (ID 0 or empty key) is ignored; the control API reports it.
func (e *Emulator) AddApp(a App) {
	if validateApp(a) != nil {
		return
	}
	if a.Identifier == "" {
		a.Identifier = DefaultIdentifier
	}
	e.mu.Lock()
	e.apps[a.SDKAppID] = a
	e.mu.Unlock()
	e.log.Info("app added", "sdkappid", a.SDKAppID, "identifier", a.Identifier)
}

func (e *Emulator) app(id uint64) (App, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	a, ok := e.apps[id]
	return a, ok
}

// Config returns the stored configuration of (app, p).
func (e *Emulator) Config(app uint64, p Product) (CallbackConfig, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.configLocked(app, p)
}

func (e *Emulator) configLocked(app uint64, p catalog.Product) (CallbackConfig, bool) {
	st := e.state[app]
	if st == nil {
		return CallbackConfig{}, false
	}
	c, ok := st.Configs[p]
	if !ok {
		return CallbackConfig{}, false
	}
	c.Commands = slices.Clone(c.Commands)
	return c, true
}

// PutConfig stores c for (app, p) out of band, validated like the real API
// would validate it (errors wrap ErrInvalid).
func (e *Emulator) PutConfig(app uint64, p Product, c CallbackConfig) error {
	if _, err := catalog.ParseProduct(string(p)); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if msg := validateConfig(p, c.URL, c.Commands); msg != "" {
		return fmt.Errorf("%w: %s", ErrInvalid, msg)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.putConfigLocked(app, p, c)
	return e.saveLocked()
}

func (e *Emulator) putConfigLocked(app uint64, p catalog.Product, c CallbackConfig) {
	st := e.stateLocked(app)
	if st.Configs == nil {
		st.Configs = make(map[catalog.Product]CallbackConfig)
	}
	c.Commands = slices.Clone(c.Commands)
	st.Configs[p] = c
}

// DeleteConfig removes the configuration of (app, p), if any.
func (e *Emulator) DeleteConfig(app uint64, p Product) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.deleteConfigLocked(app, p) {
		e.logSaveErr(e.saveLocked())
	}
}

func (e *Emulator) deleteConfigLocked(app uint64, p catalog.Product) bool {
	st := e.state[app]
	if st == nil {
		return false
	}
	if _, ok := st.Configs[p]; !ok {
		return false
	}
	delete(st.Configs, p)
	return true
}

// LiveToken returns the Live callback token of app.
func (e *Emulator) LiveToken(app uint64) (LiveToken, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	st := e.state[app]
	if st == nil || st.LiveToken == nil {
		return LiveToken{}, false
	}
	return *st.LiveToken, true
}

// PutLiveToken stores t as the Live callback token of app, out of band. It
// does not validate t: tests may store tokens the real API would refuse. The
// control API validates.
func (e *Emulator) PutLiveToken(app uint64, t LiveToken) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stateLocked(app).LiveToken = &t
	e.logSaveErr(e.saveLocked())
}

// DeleteLiveToken removes the Live callback token of app, if any.
func (e *Emulator) DeleteLiveToken(app uint64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if st := e.state[app]; st != nil && st.LiveToken != nil {
		st.LiveToken = nil
		e.logSaveErr(e.saveLocked())
	}
}

func (e *Emulator) stateLocked(app uint64) *appState {
	st := e.state[app]
	if st == nil {
		st = &appState{}
		e.state[app] = st
	}
	return st
}

// snapshotLocked deep-copies the state.
func (e *Emulator) snapshotLocked() map[uint64]*appState {
	out := make(map[uint64]*appState, len(e.state))
	for id, st := range e.state {
		if len(st.Configs) == 0 && st.LiveToken == nil {
			continue
		}
		c := &appState{}
		if len(st.Configs) > 0 {
			c.Configs = make(map[catalog.Product]CallbackConfig, len(st.Configs))
			for p, cfg := range st.Configs {
				cfg.Commands = slices.Clone(cfg.Commands)
				c.Configs[p] = cfg
			}
		}
		if st.LiveToken != nil {
			t := *st.LiveToken
			c.LiveToken = &t
		}
		out[id] = c
	}
	return out
}

// saveLocked writes the state file atomically (temp file + rename), so a
// crash never leaves a half-written file. e.mu must be held.
func (e *Emulator) saveLocked() error {
	if e.statePath == "" {
		return nil
	}
	b, err := json.MarshalIndent(stateFile{Version: 1, Apps: e.snapshotLocked()}, "", "  ")
	if err != nil {
		return err
	}
	dir, base := filepath.Split(e.statePath)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	// The file holds Live tokens: owner-only (CreateTemp uses 0600).
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := os.Rename(tmp.Name(), e.statePath); err != nil { //nolint:gosec // the path is the operator's own -state flag
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

func (e *Emulator) logSaveErr(err error) {
	if err != nil {
		e.log.Error("cannot persist state", "path", e.statePath, "error", err)
	}
}

// load reads the state file; a missing file is an empty state.
func (e *Emulator) load() error {
	b, err := os.ReadFile(e.statePath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return fmt.Errorf("read state %s: %w", e.statePath, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for id, st := range sf.Apps {
		if st != nil {
			e.state[id] = st
		}
	}
	return nil
}
