package localjob

import (
	"bytes"
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
	TreatMissingKeysAs *string      `json:"treatMissingKeysAs"`
	Results            []wireResult `json:"results"`
}

type wireResult struct {
	TaskID       *string `json:"taskId"`
	ResultCode   *string `json:"resultCode"`
	ResultString *string `json:"resultString"`
}

// memberNames are the names of wireResponse's and wireResult's members.
var memberNames = [...][]byte{[]byte("treatMissingKeysAs"), []byte("results"), []byte("taskId"), []byte("resultCode"), []byte("resultString")}

// decodeResponse decodes data's members by their exact names; ok is false
// when data is not a UTF-8 JSON object of their types. encoding/json
// matches a struct's names in any case (Results, TASKID): the struct is
// decoded directly only when no string in data could be a member's name
// in another case, else from a map of the exact names, about twice as slow.
func decodeResponse(data []byte) (resp *wireResponse, ok bool) {
	if !utf8.Valid(data) {
		return nil, false
	}
	if !plainNames(data) {
		return decodeResponseExact(data)
	}
	if json.Unmarshal(data, &resp) != nil || resp == nil {
		return nil, false
	}
	return resp, true
}

// plainNames reports whether data has no escape, no string that folds to
// a member's name without being it, and no member's name twice:
// encoding/json's struct decoding then reads each member under its exact
// name alone (a name given twice, it would merge the two values, where
// the last should win; a response of two results is invalid anyway).
func plainNames(data []byte) bool {
	if bytes.IndexByte(data, '\\') >= 0 {
		return false
	}
	var seen [len(memberNames)]bool
	for rest := data; ; {
		i := bytes.IndexByte(rest, '"')
		if i < 0 {
			return true
		}
		j := bytes.IndexByte(rest[i+1:], '"')
		if j < 0 {
			return true // not JSON: the decoder says so
		}
		str := rest[i+1 : i+1+j]
		for k, name := range memberNames {
			switch {
			case bytes.Equal(str, name):
				if seen[k] {
					return false
				}
				seen[k] = true
			case bytes.EqualFold(str, name):
				return false
			}
		}
		rest = rest[i+1+j+1:]
	}
}

// decodeResponseExact decodes data as decodeResponse does, looking each
// member up by its exact name.
func decodeResponseExact(data []byte) (*wireResponse, bool) {
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil || members == nil {
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
	if results != nil {
		resp.Results = make([]wireResult, len(results))
	}
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
