package emulator

import (
	"encoding/json"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestV1Lifecycle(t *testing.T) {
	e := newTestEmulator(t, nil)
	q := validQuery(t)
	steps := []struct {
		name, path, body string
		code             int
		data             string // raw JSON of data; "" = absent
	}{
		{"get missing", "get", `{}`, codeV1NotFound, ""},
		{"update missing", "update", `{"address":"https://a.example","actions":["normal_end"]}`, codeV1NotFound, ""},
		{"delete missing", "delete", `{}`, 0, `""`},
		{"set", "set", `{"address":"http://www.example.com/callback","actions":["call_busy","normal_end"]}`, 0, `"http://www.example.com/callback"`},
		{"get", "get", `{}`, 0, `{"actions":["call_busy","normal_end"],"address":"http://www.example.com/callback"}`},
		{"set overwrites", "set", `{"address":"https://b.example/cb","actions":["cancel"]}`, 0, `"https://b.example/cb"`},
		{"update", "update", `{"address":"https://www.example2.com/callback","actions":["call_busy","cancel","normal_end"]}`, 0, `"https://www.example2.com/callback"`},
		{"get updated", "get", `{}`, 0, `{"actions":["call_busy","cancel","normal_end"],"address":"https://www.example2.com/callback"}`},
		{"address not http", "set", `{"address":"www.example.com","actions":["cancel"]}`, codeV1InvalidParam, ""},
		{"unknown action", "set", `{"address":"https://a.example","actions":["call_end"]}`, codeV1InvalidParam, ""},
		{"v4 word", "set", `{"address":"https://a.example","actions":["Call.CallbackAfterStartCall"]}`, codeV1InvalidParam, ""},
		{"empty actions", "update", `{"address":"https://a.example","actions":[]}`, codeV1InvalidParam, ""},
		{"malformed JSON", "set", `{"address":`, codeV1InvalidParam, ""},
		{"wrong type", "set", `{"address":"https://a.example","actions":"cancel"}`, codeV1InvalidParam, ""},
		{"delete", "delete", `{}`, 0, `""`},
		{"get after delete", "get", `{}`, codeV1NotFound, ""},
	}
	for _, s := range steps {
		r := callV1(t, e, "/v1/callback/"+s.path, q, s.body)
		if r.ErrorCode != s.code {
			t.Fatalf("%s: errorCode %d (%s), want %d", s.name, r.ErrorCode, r.ErrorMessage, s.code)
		}
		if string(r.Data) != s.data {
			t.Fatalf("%s: data %s, want %s", s.name, r.Data, s.data)
		}
	}
	if _, found := e.Config(testAppID, catalog.CallKit); found {
		t.Error("callkit config still stored")
	}
}

func TestV1EnvelopeKeys(t *testing.T) {
	e := newTestEmulator(t, nil)
	w := serve(e, "POST", "/v1/callback/delete", validQuery(t), `{}`)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"errorCode", "errorMessage", "requestId", "data"} {
		if _, ok := m[k]; !ok {
			t.Errorf("v1 envelope lacks %q: %s", k, w.Body)
		}
	}
	if len(m) != 4 {
		t.Errorf("v1 envelope has extra keys: %s", w.Body)
	}
}
