package localjob

import "testing"

// TestMetricTotals: the metrics lines of each process are added up, also
// when a line arrives in pieces; other output is ignored.
func TestMetricTotals(t *testing.T) {
	var m MetricTotals
	a, b := m.Writer(), m.Writer()
	line := `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"FunctionName":"f","JobId":"j","Succeeded":2,"TemporaryFailure":1,"PermanentFailure":0,"TaskDuration":[1,2,3]}` + "\n"
	a.Write([]byte(line[:40]))
	b.Write([]byte("level=ERROR message=\"task failed\"\n" + `{"message":"not metrics","Succeeded":9}` + "\n"))
	b.Write([]byte(`{"_aws":{},"PermanentFailure":3}` + "\n" + line[:10]))
	a.Write([]byte(line[40:]))
	if got, want := m.Totals(), (Totals{Lines: 2, Succeeded: 2, TemporaryFailure: 1, PermanentFailure: 3}); got != want {
		t.Errorf("totals = %+v, want %+v", got, want)
	}
}
