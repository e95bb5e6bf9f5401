package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire"
)

// family is an API family: it fixes the envelope, the error codes and the
// rate limit.
type family int

const (
	familyV4 family = iota
	familyV1
)

func (f family) String() string {
	if f == familyV1 {
		return "v1"
	}
	return "v4"
}

// v4 (Chat REST) codes, API.md §Error codes.
const (
	codeOK = 0

	codeV4Internal      = 100001
	codeV4InvalidParam  = 100002
	codeV4Exists        = 100300
	codeV4NotFound      = 100301
	codeV4TokenNotFound = 100302

	codeV4BadHTTP         = 60002
	codeV4BadJSON         = 60003
	codeV4InvalidSDKAppID = 60006
	codeV4RateLimited     = 60007
	codeV4BadResource     = 60009
	codeV4NotAdmin        = 60010
	codeV4NoSDKAppID      = 60012

	codeSigExpired            = 70001
	codeSigEmpty              = 70002
	codeSigInvalid            = 70003
	codeSigKeyMismatch        = 70009
	codeSigIdentifierMismatch = 70013
	codeSigSDKAppIDMismatch   = 70014
	codeAppNotFound           = 70020
)

// Legacy v1 callkit codes, API.md §Error codes. Their 700xx meanings differ from Chat's.
const (
	codeV1InvalidParam = 70001
	codeV1SigInvalid   = 70002
	codeV1SigExpired   = 70003
	codeV1NotAdmin     = 70004
	codeV1RateLimited  = 70005
	codeV1NotFound     = 999
	// codeV1Internal: the v1 pages say "other: internal error" without a
	// number; 500 is our pick.
	codeV1Internal = 500
)

// documentedCodes lists every code the emulator can answer on its own (not
// counting FaultErrorCode), per family. Tests and fuzzers check against it.
var documentedCodes = map[string][]int{
	"v4": {codeOK, codeV4Internal, codeV4InvalidParam, codeV4Exists, codeV4NotFound, codeV4TokenNotFound,
		codeV4BadHTTP, codeV4BadJSON, codeV4InvalidSDKAppID, codeV4RateLimited, codeV4BadResource, codeV4NotAdmin,
		codeV4NoSDKAppID, codeSigExpired, codeSigEmpty, codeSigInvalid, codeSigKeyMismatch,
		codeSigIdentifierMismatch, codeSigSDKAppIDMismatch, codeAppNotFound},
	"v1": {codeOK, codeV1InvalidParam, codeV1SigInvalid, codeV1SigExpired, codeV1NotAdmin, codeV1RateLimited,
		codeV1NotFound, codeV1Internal},
}

// outcome is the logical answer to an API request, before it is framed in
// the family's envelope.
type outcome struct {
	code int
	info string
	data any // v4: Response (omitted when nil); v1: data
}

func ok(data any) outcome { return outcome{data: data} }

func fail(code int, format string, args ...any) outcome {
	return outcome{code: code, info: fmt.Sprintf(format, args...)}
}

func (f family) internal() int {
	if f == familyV1 {
		return codeV1Internal
	}
	return codeV4Internal
}

func (f family) throttled() int {
	if f == familyV1 {
		return codeV1RateLimited
	}
	return codeV4RateLimited
}

// invalid is the family's "invalid parameter" code.
func (f family) invalid() int {
	if f == familyV1 {
		return codeV1InvalidParam
	}
	return codeV4InvalidParam
}

// internalFailure answers when an outcome cannot be encoded, which cannot
// happen with the emulator's own types.
const internalFailure = `{"ActionStatus":"FAIL","ErrorInfo":"internal error","ErrorCode":100001}`

// encode frames o in the family's envelope.
func (e *Emulator) encode(f family, o outcome) []byte {
	var data json.RawMessage
	if o.code == codeOK && o.data != nil {
		var err error
		if data, err = json.Marshal(o.data); err != nil {
			return []byte(internalFailure)
		}
	}
	var v any
	if f == familyV1 {
		env := wire.V1Envelope{ErrorCode: &o.code, ErrorMessage: o.info, RequestID: randomHex(), Data: data}
		if o.code == codeOK {
			env.ErrorMessage = "Success"
		}
		v = env
	} else {
		env := wire.V4Envelope{ActionStatus: "OK", ErrorCode: &o.code, ErrorInfo: o.info,
			RequestID: fmt.Sprintf("Id-%s-O-Seq-%d", randomHex(), e.seq.Add(1)), Response: data}
		if o.code != codeOK {
			env.ActionStatus = "FAIL"
		}
		v = env
	}
	b, err := json.Marshal(v)
	if err != nil {
		return []byte(internalFailure)
	}
	return b
}

func randomHex() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
