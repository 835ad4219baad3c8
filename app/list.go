package app

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/s3batchops/scaffold/listing"
)

// ListInput is what scaffold manifest --list lists, and where the manifest
// goes.
type ListInput struct {
	Options listing.Options
	// Out is the file the manifest is written to, atomically; "" writes it
	// to Stdout, unless Upload is set.
	Out    string
	Stdout io.Writer
	// UploadBucket and UploadKey, when set, are where the manifest is put.
	UploadBucket, UploadKey string
}

// ListResult is what a listing wrote.
type ListResult struct {
	Counts listing.Counts
	ETag   string // of the uploaded manifest; "" when not uploaded
}

// ListManifest lists a bucket into a manifest (package listing) with the
// standard AWS configuration, and uploads it when asked.
func ListManifest(ctx context.Context, in ListInput) (ListResult, error) {
	var r ListResult
	client, err := listing.NewClient(ctx)
	if err != nil {
		return r, err
	}
	out := in.Out
	if out == "" && in.UploadKey != "" {
		tmp, err := os.MkdirTemp("", "scaffold-manifest-")
		if err != nil {
			return r, err
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "manifest.csv")
	}
	list := func(w io.Writer) (err error) {
		r.Counts, err = listing.Write(ctx, client, w, in.Options)
		return err
	}
	if out == "" {
		err = list(in.Stdout)
	} else {
		err = listing.WriteFile(out, list)
	}
	if err != nil || in.UploadKey == "" {
		return r, err
	}
	r.ETag, err = listing.Upload(ctx, client, out, in.UploadBucket, in.UploadKey)
	return r, err
}
