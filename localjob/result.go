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
// does: UTF-8 JSON of exactly S3's shape, its members named exactly
// (encoding/json alone would also take Results or TASKID), result codes it
// knows, and treatMissingKeysAs for a task the response leaves out.
func readResponse(data []byte, taskID string) outcome {
	invalid := outcome{PermanentFailure, invalidResponse}
	var resp map[string]json.RawMessage
	if !utf8.Valid(data) || json.Unmarshal(data, &resp) != nil || resp == nil {
		return invalid
	}
	missing := PermanentFailure
	if raw, ok := resp["treatMissingKeysAs"]; ok {
		var code *string
		if json.Unmarshal(raw, &code) != nil || code != nil && !knownCode(*code) {
			return invalid
		}
		if code != nil {
			missing = *code
		}
	}
	var results []map[string]json.RawMessage
	if raw, ok := resp["results"]; ok && json.Unmarshal(raw, &results) != nil {
		return invalid
	}
	switch len(results) {
	case 0:
		return outcome{missing, fmt.Sprintf("the response has no result for task %s (treatMissingKeysAs: %s)", taskID, missing)}
	case 1:
	default:
		return invalid // one task, one result
	}
	var id, code, msg *string
	for _, m := range []struct {
		name string
		into **string
	}{{"taskId", &id}, {"resultCode", &code}, {"resultString", &msg}} {
		if raw, ok := results[0][m.name]; ok && json.Unmarshal(raw, m.into) != nil {
			return invalid
		}
	}
	if id == nil || code == nil || !knownCode(*code) || *id != taskID {
		return invalid
	}
	if msg == nil {
		return outcome{*code, ""}
	}
	return outcome{*code, *msg}
}

func knownCode(c string) bool {
	return c == Succeeded || c == TemporaryFailure || c == PermanentFailure
}
