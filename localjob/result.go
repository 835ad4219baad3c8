package localjob

import (
	"encoding/json"
	"fmt"
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
// does: exactly S3's shape, result codes it knows, and treatMissingKeysAs
// for a task the response leaves out.
func readResponse(data []byte, taskID string) outcome {
	var resp struct {
		TreatMissingKeysAs *string `json:"treatMissingKeysAs"`
		Results            []struct {
			TaskID       *string `json:"taskId"`
			ResultCode   *string `json:"resultCode"`
			ResultString *string `json:"resultString"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &resp); err != nil {
		return outcome{PermanentFailure, invalidResponse}
	}
	missing := PermanentFailure
	if resp.TreatMissingKeysAs != nil {
		if !knownCode(*resp.TreatMissingKeysAs) {
			return outcome{PermanentFailure, invalidResponse}
		}
		missing = *resp.TreatMissingKeysAs
	}
	if len(resp.Results) > 1 {
		return outcome{PermanentFailure, invalidResponse} // one task, one result
	}
	if len(resp.Results) == 1 {
		r := resp.Results[0]
		if r.TaskID == nil || r.ResultCode == nil || !knownCode(*r.ResultCode) || *r.TaskID != taskID {
			return outcome{PermanentFailure, invalidResponse}
		}
		msg := ""
		if r.ResultString != nil {
			msg = *r.ResultString
		}
		return outcome{*r.ResultCode, msg}
	}
	return outcome{missing, fmt.Sprintf("the response has no result for task %s (treatMissingKeysAs: %s)", taskID, missing)}
}

func knownCode(c string) bool {
	return c == Succeeded || c == TemporaryFailure || c == PermanentFailure
}
