package batch

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// Config is how the handler answers S3. Settings holds this function's.
type Config struct {
	// TreatMissingKeysAs is the code S3 gives a task missing from a response.
	TreatMissingKeysAs Code
	// SoftDeadlineMargin is how long before the invocation's deadline the
	// handler stops waiting for a task and answers TemporaryFailure, so that
	// S3 runs it again rather than recording a timeout. It is at most a fifth
	// of the time the invocation has.
	SoftDeadlineMargin time.Duration
	// TemporaryCodes and PermanentCodes classify AWS error codes as the
	// project's scaffold.yaml lists them. They come before the SDK's own view
	// of what is retryable (PermanentCodes: [SlowDown] makes SlowDown
	// permanent), and after explicit marks and the deadline.
	TemporaryCodes []string
	PermanentCodes []string

	// Logger receives the handler's lines: one per task that did not
	// succeed (WARN for TemporaryFailure, ERROR for PermanentFailure), one
	// per task that did at DEBUG. nil is lambdacontext.NewLogger(), which
	// honours AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL and adds the
	// requestId.
	Logger *slog.Logger
	// LoggedArguments are the UserArguments whose values may be logged (the
	// schema's "x-log": true); the others are logged by name only.
	LoggedArguments []string

	// Metrics turns on the embedded-metric-format line each invocation
	// writes: the counts of each result code and each task's duration.
	Metrics bool
	// MetricsNamespace is the CloudWatch namespace of the metrics.
	MetricsNamespace string
	// MetricsOutput is where the metrics line goes; nil is os.Stdout, which
	// Lambda sends to CloudWatch Logs, where the metrics are extracted.
	MetricsOutput io.Writer
	// FunctionName is the value of the FunctionName dimension; "" is the
	// function's name in Lambda (AWS_LAMBDA_FUNCTION_NAME).
	FunctionName string
}

// Temporary marks err as a TemporaryFailure: S3 runs the task again. The mark
// holds anywhere in an error chain. Temporary(nil) is nil.
func Temporary(err error) error {
	if err == nil {
		return nil
	}
	return &markedError{TemporaryFailure, err, ReasonExplicit}
}

// Permanent marks err as a PermanentFailure: the task fails, and the report
// says why. The mark holds anywhere in an error chain. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &markedError{PermanentFailure, err, ReasonExplicit}
}

// markedError is an error with the result code its creator chose.
type markedError struct {
	code   Code
	err    error
	reason string // ReasonExplicit, unless the handler marked it
}

func (e *markedError) Error() string {
	return e.err.Error()
}
func (e *markedError) Unwrap() error {
	return e.err
}

// Classify returns the result code of a task that ended with err; ctx is the
// invocation's. In order: nil succeeds; a Temporary or Permanent mark decides;
// the deadline or the invocation ending is temporary; then an AWS error code
// in TemporaryCodes or PermanentCodes is as listed (the project's choice
// overrides the SDK's); then what aws-sdk-go-v2 itself retries (throttling
// such as SlowDown, RequestTimeout, HTTP 500, 502, 503 and 504, connection
// errors, also after the SDK's last attempt), any HTTP 429 and an exhausted
// retry quota are temporary; everything else is permanent.
func (c Config) Classify(ctx context.Context, err error) Code {
	code, _ := c.classify(ctx, err)
	return code
}

// classify is Classify, with the reason for the code (one of the Reason
// constants; "" for success).
func (c Config) classify(ctx context.Context, err error) (Code, string) {
	if err == nil {
		return Succeeded, ""
	}
	var marked *markedError
	if errors.As(err, &marked) {
		return marked.code, marked.reason
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cause := context.Cause(ctx)
		if errors.Is(cause, ErrSoftDeadline) || errors.Is(cause, context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
			return TemporaryFailure, ReasonDeadline
		}
		return TemporaryFailure, ReasonCanceled
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch {
		case slices.Contains(c.TemporaryCodes, apiErr.ErrorCode()):
			return TemporaryFailure, ReasonList
		case slices.Contains(c.PermanentCodes, apiErr.ErrorCode()):
			return PermanentFailure, ReasonList
		}
	}
	if reason := retryable(err); reason != "" {
		return TemporaryFailure, reason
	}
	return PermanentFailure, ReasonDefault
}

// sdkRetryables are the checks aws-sdk-go-v2's standard retryer makes.
var sdkRetryables = retry.IsErrorRetryables(retry.DefaultRetryables)

// sdkThrottles are the SDK's throttling codes, among its retryables.
var sdkThrottles = retry.ThrottleErrorCode{Codes: retry.DefaultThrottleErrorCodes}

// retryable returns why err is worth another attempt, or "": throttling
// (the SDK's throttling codes and any HTTP 429, which the SDK leaves to the
// caller), what else the SDK retries itself, and a client-side retry quota
// that ran out.
func retryable(err error) string {
	var status interface {
		HTTPStatusCode() int
	}
	if sdkThrottles.IsErrorThrottle(err) == aws.TrueTernary ||
		errors.As(err, &status) && status.HTTPStatusCode() == http.StatusTooManyRequests {
		return ReasonThrottle
	}
	if sdkRetryables.IsErrorRetryable(err) == aws.TrueTernary {
		return ReasonRetryable
	}
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return ReasonQuota
	}
	return ""
}

// errorString is the result string of a failed task: "Code: message" for an
// AWS API error, the error's text otherwise.
func errorString(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode() != "" {
		if msg := apiErr.ErrorMessage(); msg != "" {
			return apiErr.ErrorCode() + ": " + msg
		}
		return apiErr.ErrorCode()
	}
	return err.Error()
}

// truncate makes s valid UTF-8 (a byte that is not becomes U+FFFD) and cuts
// it to at most n characters.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s // no more characters than bytes
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}
