package batch

// These tests check Classify and the result strings of errors shaped as
// aws-sdk-go-v2 returns them, so that a retryable failure is redriven and a
// permanent one is reported once. The codes a project lists in
// scaffold.yaml are checked by its own project_test.go.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// apiErr is an AWS API error as the SDK's deserializers make it.
func apiErr(code, msg string) error {
	return &smithy.GenericAPIError{
		Code:    code,
		Message: msg,
	}
}

// httpErr is an HTTP response error as the SDK returns it, around err.
func httpErr(status int, err error) error {
	return &awshttp.ResponseError{
		RequestID: "4442587FB7D0A2F9",
		ResponseError: &smithyhttp.ResponseError{
			Err:      err,
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
		},
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want Code
	}{{"nil", nil, Succeeded}, {"plain error", errors.New("boom"), PermanentFailure}, {"marked temporary", Temporary(errors.New("later")), TemporaryFailure}, {"marked temporary, wrapped", fmt.Errorf("copy: %w", Temporary(apiErr("NoSuchKey", "message"))), TemporaryFailure}, {"marked permanent beats retryable", Permanent(apiErr("SlowDown", "message")), PermanentFailure}, {"SlowDown", apiErr("SlowDown", "message"), TemporaryFailure}, {"RequestTimeout", apiErr("RequestTimeout", "message"), TemporaryFailure}, {"ThrottlingException", apiErr("ThrottlingException", "message"), TemporaryFailure}, {"TooManyRequestsException", apiErr("TooManyRequestsException", "message"), TemporaryFailure}, {"NoSuchKey", apiErr("NoSuchKey", "message"), PermanentFailure}, {"NoSuchBucket", apiErr("NoSuchBucket", "message"), PermanentFailure}, {"AccessDenied", apiErr("AccessDenied", "message"), PermanentFailure}, {"InvalidObjectState", apiErr("InvalidObjectState", "message"), PermanentFailure}, {"SlowDown after the SDK's last attempt", &retry.MaxAttemptsError{
		Attempt: 3,
		Err:     apiErr("SlowDown", "message"),
	}, TemporaryFailure}, {"NoSuchKey after the SDK's last attempt", &retry.MaxAttemptsError{
		Attempt: 1,
		Err:     apiErr("NoSuchKey", "message"),
	}, PermanentFailure}, {"HTTP 500", httpErr(500, apiErr("InternalError", "message")), TemporaryFailure}, {"HTTP 502", httpErr(502, errors.New("bad gateway")), TemporaryFailure}, {"HTTP 503", httpErr(503, apiErr("ServiceUnavailable", "message")), TemporaryFailure}, {"HTTP 504", httpErr(504, errors.New("gateway timeout")), TemporaryFailure}, {"HTTP 429", httpErr(429, errors.New("too many requests")), TemporaryFailure}, {"HTTP 404", httpErr(404, apiErr("NotFound", "message")), PermanentFailure}, {"HTTP 403", httpErr(403, apiErr("AccessDenied", "message")), PermanentFailure}, {"retry quota exhausted", fmt.Errorf("get retry token: %w", ratelimit.QuotaExceededError{
		Available: 0,
		Requested: 5,
	}), TemporaryFailure}, {"connection refused", &net.OpError{
		Err: errors.New("connection refused"),
		Net: "tcp",
		Op:  "dial",
	}, TemporaryFailure}, {"deadline", fmt.Errorf("get: %w", context.DeadlineExceeded), TemporaryFailure}, {"canceled", context.Canceled, TemporaryFailure}} {
		if got := testConfig.Classify(context.Background(), tc.err); got != tc.want {
			t.Errorf("%s: Classify(%v) = %s, want %s", tc.name, tc.err, got, tc.want)
		}
	}

	// Any error is temporary once the invocation's context has ended.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := testConfig.Classify(ctx, apiErr("NoSuchKey", "")); got != TemporaryFailure {
		t.Errorf("Classify after the context ended = %s, want TemporaryFailure", got)
	}
}

// TestClassifyLists checks the project's own lists (scaffold.yaml's retry
// codes): they override what the SDK calls retryable and the default, but
// not an explicit mark, nor the end of the invocation.
func TestClassifyLists(t *testing.T) {
	c := Config{
		TemporaryCodes: []string{"NoSuchKey", "AccessDenied"},
		PermanentCodes: []string{"SlowDown", "InternalError"},
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want Code
	}{
		{"listed temporary, SDK permanent", context.Background(), apiErr("NoSuchKey", "message"), TemporaryFailure},
		{"listed temporary, wrapped", context.Background(), fmt.Errorf("get: %w", httpErr(403, apiErr("AccessDenied", "message"))), TemporaryFailure},
		{"listed permanent, SDK retryable", context.Background(), apiErr("SlowDown", "message"), PermanentFailure},
		{"listed permanent after the SDK's last attempt", context.Background(), &retry.MaxAttemptsError{Attempt: 3, Err: apiErr("SlowDown", "message")}, PermanentFailure},
		{"listed permanent, HTTP 500", context.Background(), httpErr(500, apiErr("InternalError", "message")), PermanentFailure},
		{"unlisted SDK retryable", context.Background(), apiErr("RequestTimeout", "message"), TemporaryFailure},
		{"unlisted HTTP 503", context.Background(), httpErr(503, apiErr("ServiceUnavailable", "message")), TemporaryFailure},
		{"unlisted", context.Background(), apiErr("NoSuchBucket", "message"), PermanentFailure},
		{"mark beats the temporary list", context.Background(), Permanent(apiErr("NoSuchKey", "message")), PermanentFailure},
		{"mark beats the permanent list", context.Background(), fmt.Errorf("put: %w", Temporary(apiErr("SlowDown", "message"))), TemporaryFailure},
		{"invocation ended beats the permanent list", ended, apiErr("SlowDown", "message"), TemporaryFailure},
		{"deadline beats the permanent list", context.Background(), fmt.Errorf("%w: %w", context.DeadlineExceeded, apiErr("SlowDown", "message")), TemporaryFailure},
	} {
		if got := c.Classify(tc.ctx, tc.err); got != tc.want {
			t.Errorf("%s: Classify(%v) = %s, want %s", tc.name, tc.err, got, tc.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{{apiErr("NoSuchKey", "The specified key does not exist."), "NoSuchKey: The specified key does not exist."}, {fmt.Errorf("copy: %w", httpErr(404, apiErr("NotFound", ""))), "NotFound"}, {errors.New("disk full"), "disk full"}} {
		if got := errorString(tc.err); got != tc.want {
			t.Errorf("errorString(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
