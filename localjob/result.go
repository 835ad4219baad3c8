package localjob

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Result codes and task statuses, as S3 writes them in a report.
const (
	Succeeded        = "Succeeded"
	TemporaryFailure = "TemporaryFailure"
	PermanentFailure = "PermanentFailure"

	// invalidResponse is S3's message for a response it cannot read.
	invalidResponse = "Invalid JSON returned in Lambda payload"
)

// outcome is what one attempt at a task gave.
type outcome struct {
	code    string // Succeeded, TemporaryFailure or PermanentFailure
	message string // the result string, or why the task failed
}

// functionError is how S3 records a function error or a timeout.
func functionError(errorType, message string) outcome {
	body, _ := json.Marshal(map[string]string{"errorType": errorType, "errorMessage": message})
	return outcome{PermanentFailure, "Lambda returned function error: " + string(body)}
}

// readResponse reads a function's response for the task taskID as S3
// does: UTF-8 JSON of exactly S3's shape, its members named exactly,
// result codes it knows, and treatMissingKeysAs for a task the response
// leaves out.
func readResponse(data []byte, taskID string) outcome {
	resp, ok := decodeResponse(data)
	return resp.outcome(ok, taskID)
}

// wireResponse holds the members of a response that S3 reads.
type wireResponse struct {
	TreatMissingKeysAs *string
	Results            []wireResult
}

type wireResult struct {
	TaskID, ResultCode, ResultString *string
}

// decodeResponse decodes data's members, each looked up by its exact name
// (encoding/json's struct decoding would also take Results or TASKID, and
// merge a member given twice); ok is false when data is not a UTF-8 JSON
// object of their types.
func decodeResponse(data []byte) (*wireResponse, bool) {
	var members map[string]json.RawMessage
	if !utf8.Valid(data) || json.Unmarshal(data, &members) != nil || members == nil {
		return nil, false
	}
	resp := new(wireResponse)
	if raw, ok := members["treatMissingKeysAs"]; ok && json.Unmarshal(raw, &resp.TreatMissingKeysAs) != nil {
		return nil, false
	}
	var results []map[string]json.RawMessage
	if raw, ok := members["results"]; ok && json.Unmarshal(raw, &results) != nil {
		return nil, false
	}
	resp.Results = make([]wireResult, len(results))
	for i, r := range results {
		for _, m := range []struct {
			name string
			into **string
		}{{"taskId", &resp.Results[i].TaskID}, {"resultCode", &resp.Results[i].ResultCode}, {"resultString", &resp.Results[i].ResultString}} {
			if raw, ok := r[m.name]; ok && json.Unmarshal(raw, m.into) != nil {
				return nil, false
			}
		}
	}
	return resp, true
}

// outcome is what S3 makes of resp, decoded if ok, for the task taskID.
func (resp *wireResponse) outcome(ok bool, taskID string) outcome {
	invalid := outcome{PermanentFailure, invalidResponse}
	if !ok {
		return invalid
	}
	missing := PermanentFailure
	if t := resp.TreatMissingKeysAs; t != nil {
		if !knownCode(*t) {
			return invalid
		}
		missing = *t
	}
	switch len(resp.Results) {
	case 0:
		return outcome{missing, fmt.Sprintf("the response has no result for task %s (treatMissingKeysAs: %s)", taskID, missing)}
	case 1:
	default:
		return invalid // one task, one result
	}
	r := resp.Results[0]
	if r.TaskID == nil || r.ResultCode == nil || !knownCode(*r.ResultCode) || *r.TaskID != taskID {
		return invalid
	}
	if r.ResultString == nil {
		return outcome{*r.ResultCode, ""}
	}
	return outcome{*r.ResultCode, *r.ResultString}
}

func knownCode(c string) bool {
	return c == Succeeded || c == TemporaryFailure || c == PermanentFailure
}
