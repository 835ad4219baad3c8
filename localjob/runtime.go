package localjob

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/s3batchops/scaffold/internal/s3rules"
)

// maxPayload is Lambda's limit on a synchronous response.
const maxPayload = s3rules.MaxEventBytes

// invocation is one event handed to a bootstrap process.
type invocation struct {
	id       string
	payload  []byte
	deadline time.Time
	done     chan reply // buffered: the server never waits for the worker
}

// reply is what the process posted for an invocation: a response, or a
// function error.
type reply struct {
	response []byte
	errType  string
	errMsg   string
	isError  bool
}

// runtimeServer serves the Lambda Runtime API (2018-06-01) on 127.0.0.1 to
// one bootstrap process: GET next takes the invocation offered to it, or
// waits for one; the process posts the response or an error for it.
type runtimeServer struct {
	addr        string
	srv         *http.Server
	functionARN string
	initErr     chan reply

	mu sync.Mutex
	// next holds the invocation offered and not yet taken: at most one. A
	// new process gets a new channel (renew), so that a GET of a process
	// that has died, still waiting, never takes what the next one is
	// offered.
	next     chan *invocation
	inflight map[string]*invocation
}

func newRuntimeServer(functionARN string) (*runtimeServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &runtimeServer{
		addr:        ln.Addr().String(),
		functionARN: functionARN,
		next:        make(chan *invocation, 1),
		initErr:     make(chan reply, 1),
		inflight:    map[string]*invocation{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", s.handleNext)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", s.handleResponse)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", s.handleError)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", s.handleInitError)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *runtimeServer) close() { s.srv.Close() }

func (s *runtimeServer) handleNext(w http.ResponseWriter, r *http.Request) {
	var inv *invocation
	select {
	case inv = <-s.nextChan():
	case <-r.Context().Done():
		return // the process went away
	}
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(inv.deadline.UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", s.functionARN)
	h.Set("Lambda-Runtime-Trace-Id", traceID())
	h.Set("Content-Type", "application/json")
	w.Write(inv.payload)
}

// offer offers inv to the process: its next GET takes it at once, without
// waiting for the worker. A worker offers one invocation at a time, once
// the one before it is answered or withdrawn.
func (s *runtimeServer) offer(inv *invocation) {
	s.mu.Lock()
	s.inflight[inv.id] = inv
	next := s.next
	s.mu.Unlock()
	next <- inv
}

// nextChan is the channel of the current process's invocations.
func (s *runtimeServer) nextChan() chan *invocation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// renew starts the invocations of a new process: a GET still waiting on
// the channel of one before it never takes them.
func (s *runtimeServer) renew() {
	s.mu.Lock()
	s.next = make(chan *invocation, 1)
	s.mu.Unlock()
}

// withdraw forgets inv, whether the process took it or not: it will never
// be answered.
func (s *runtimeServer) withdraw(inv *invocation) {
	if !s.reclaim(inv) {
		s.take(inv.id)
	}
}

// reclaim takes inv back and forgets it if the process has not taken it,
// and reports whether it had not. The channel holds inv or nothing: a
// worker offers one invocation at a time.
func (s *runtimeServer) reclaim(inv *invocation) bool {
	select {
	case <-s.nextChan():
		s.take(inv.id)
		return true
	default:
		return false
	}
}

// take returns the invocation id names, once.
func (s *runtimeServer) take(id string) *invocation {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv := s.inflight[id]
	delete(s.inflight, id)
	return inv
}

func (s *runtimeServer) handleResponse(w http.ResponseWriter, r *http.Request) {
	inv := s.take(r.PathValue("id"))
	if inv == nil {
		http.Error(w, `{"errorMessage":"unknown request id","errorType":"InvalidRequestID"}`, http.StatusBadRequest)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPayload+1))
	switch {
	case err != nil:
		inv.done <- reply{isError: true, errType: "Runtime.ResponseError", errMsg: err.Error()}
	case len(body) > maxPayload:
		inv.done <- reply{isError: true, errType: "Function.ResponseSizeTooLarge", errMsg: "Response payload size exceeded maximum allowed payload size (6291556 bytes)."}
	default:
		inv.done <- reply{response: body}
	}
	accepted(w)
}

func (s *runtimeServer) handleError(w http.ResponseWriter, r *http.Request) {
	inv := s.take(r.PathValue("id"))
	if inv == nil {
		http.Error(w, `{"errorMessage":"unknown request id","errorType":"InvalidRequestID"}`, http.StatusBadRequest)
		return
	}
	inv.done <- readError(r)
	accepted(w)
}

func (s *runtimeServer) handleInitError(w http.ResponseWriter, r *http.Request) {
	select {
	case s.initErr <- readError(r):
	default:
	}
	accepted(w)
}

// readError reads the {errorMessage, errorType} body of an error post.
func readError(r *http.Request) reply {
	var e struct {
		ErrorMessage string `json:"errorMessage"`
		ErrorType    string `json:"errorType"`
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxPayload))
	if json.Unmarshal(body, &e) != nil {
		e.ErrorMessage = string(body)
	}
	if t := r.Header.Get("Lambda-Runtime-Function-Error-Type"); e.ErrorType == "" && t != "" {
		e.ErrorType = t
	}
	return reply{isError: true, errType: e.ErrorType, errMsg: e.ErrorMessage}
}

func accepted(w http.ResponseWriter) {
	w.WriteHeader(http.StatusAccepted)
	io.WriteString(w, `{"status":"OK"}`)
}

// randomHex is n random hexadecimal digits. They name requests, jobs and
// traces on this machine, where nothing depends on their being
// unpredictable: math/rand/v2's generator, not crypto/rand's system call.
func randomHex(n int) string {
	b := make([]byte, 0, n+15)
	for len(b) < n {
		b = appendHex(b, rand.Uint64(), 16)
	}
	return string(b[:n])
}

// traceID is an X-Ray trace header as Lambda sends one:
// Root=1-{8 hex digits of time}-{24 random hex digits};Parent={16};Sampled=0.
func traceID() string {
	b := make([]byte, 0, 80)
	b = append(b, "Root=1-"...)
	b = appendHex(b, uint64(time.Now().Unix()), 8)
	b = append(b, '-')
	b = appendHex(b, rand.Uint64(), 16)
	b = appendHex(b, rand.Uint64(), 8)
	b = append(b, ";Parent="...)
	b = appendHex(b, rand.Uint64(), 16)
	return string(append(b, ";Sampled=0"...))
}

// appendHex appends the low digits hexadecimal digits of v, zero-padded.
func appendHex(b []byte, v uint64, digits int) []byte {
	const hexDigits = "0123456789abcdef"
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hexDigits[(v>>(4*i))&15])
	}
	return b
}
