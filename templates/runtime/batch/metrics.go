package batch

import (
	"strconv"
	"time"
)

// The metrics of the embedded-metric-format line each invocation writes.
const (
	MetricSucceeded        = "Succeeded"        // tasks answered Succeeded (Count)
	MetricTemporaryFailure = "TemporaryFailure" // tasks answered TemporaryFailure (Count)
	MetricPermanentFailure = "PermanentFailure" // tasks answered PermanentFailure (Count)
	MetricTaskDuration     = "TaskDuration"     // each task's time (Milliseconds)
	DimensionFunctionName  = "FunctionName"     // the only dimension
)

// maxValues is the most values a metric of one EMF line may have.
const maxValues = 100

// invocation is what the handler counts and logs about one invocation.
type invocation struct {
	jobID     string
	args      map[string]string
	counts    [3]int    // Succeeded, TemporaryFailure, PermanentFailure
	durations []float64 // ms, the first maxValues tasks
}

func (inv *invocation) add(code Code, took time.Duration) {
	switch code {
	case Succeeded:
		inv.counts[0]++
	case TemporaryFailure:
		inv.counts[1]++
	default:
		inv.counts[2]++
	}
	if len(inv.durations) < maxValues {
		inv.durations = append(inv.durations, milliseconds(took))
	}
}

// appendEMF appends inv as one line of CloudWatch's embedded metric format:
// the _aws metadata (Timestamp in ms, one CloudWatchMetrics directive with
// namespace ns, the one dimension FunctionName, and the metrics' names and
// units), then each metric's value and the dimension's value as members of
// the same object. The job ID is a plain member: a dimension of it would
// make a metric per job. TaskDuration, one value per task up to 100 (EMF's
// limit), is declared only when the invocation had tasks.
func appendEMF(b []byte, ns, function string, at time.Time, inv *invocation) []byte {
	b = append(b, `{"_aws":{"Timestamp":`...)
	b = strconv.AppendInt(b, at.UnixMilli(), 10)
	b = append(b, `,"CloudWatchMetrics":[{"Namespace":`...)
	b = appendString(b, ns)
	b = append(b, `,"Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Succeeded","Unit":"Count"},{"Name":"TemporaryFailure","Unit":"Count"},{"Name":"PermanentFailure","Unit":"Count"}`...)
	if len(inv.durations) > 0 {
		b = append(b, `,{"Name":"TaskDuration","Unit":"Milliseconds"}`...)
	}
	b = append(b, `]}]},"FunctionName":`...)
	b = appendString(b, function)
	b = append(b, `,"JobId":`...)
	b = appendString(b, inv.jobID)
	b = append(b, `,"Succeeded":`...)
	b = strconv.AppendInt(b, int64(inv.counts[0]), 10)
	b = append(b, `,"TemporaryFailure":`...)
	b = strconv.AppendInt(b, int64(inv.counts[1]), 10)
	b = append(b, `,"PermanentFailure":`...)
	b = strconv.AppendInt(b, int64(inv.counts[2]), 10)
	if len(inv.durations) > 0 {
		b = append(b, `,"TaskDuration":[`...)
		for i, d := range inv.durations {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendFloat(b, d, 'f', -1, 64)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}
