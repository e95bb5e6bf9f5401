// Package client calls Tencent RTC's callback-configuration APIs for one app:
// the v4 verbs of call, live and room (and the Live signing token), and the
// legacy v1 verbs of callkit. It has no Terraform imports; the provider builds
// one Client per app and shares it between resources.
//
// # One call
//
// A method maps its product and verb to a path and an API family (routeFor),
// encodes the body and runs the attempt loop (Client.attempts), bounded as a
// whole by Options.RetryBudget. Each attempt, in order:
//
//  1. waits for the app's rate limiter of the family (burst 1, so requests
//     are spaced evenly); a wait that would outlast the call's deadline ends
//     the call at that deadline, with its cause;
//  2. is signed: the cached administrator UserSig (re-minted near expiry)
//     and a fresh random in the query string;
//  3. is sent, bounded by Options.RequestTimeout until the answer is read;
//  4. is decoded and classified: success, a transient failure (transport
//     errors and timeouts, HTTP 429 and 5xx, throttle and internal-error
//     codes, undecodable answers) or a final one.
//
// Then the loop returns, or backs off (exponential from RetryWaitMin to
// RetryWaitMax with equal jitter, Retry-After honoured up to the maximum) and
// tries again, at most MaxRetries times. A UserSig refused as expired is
// re-minted and retried once. The state of a call lives in that loop's local
// variables; nothing travels through the context.
//
// # Guarantees
//
//   - Every failed call returns an *APIError (test it with errors.As or the
//     Is* helpers) carrying the last answer's code, message and request ID, the
//     number of attempts and, when the caller's context or the retry budget
//     ended the retries, that reason ("gave up: ...").
//   - GetCallback and GetLiveCallbackToken never return (nil, nil): a nil
//     error comes with a non-nil result.
//   - One method call sends one request when the first attempt succeeds.
//   - No error text or log field carries the secret key, a UserSig or the
//     Live token; RedactUserSigs is the one redaction of UserSigs in text.
//   - A successful call logs one debug line; each retried attempt logs a
//     warning (Options.Logger).
package client
