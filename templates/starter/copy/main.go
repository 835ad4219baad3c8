// Command copy is the copy starter as scaffold's tree compiles and tests it.
// Only function.go and function_test.go go into projects; this file stands
// for the main.go a project gets, and proves that Process fits the handler.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/s3batchops/scaffold/templates/runtime/batch"
	"github.com/s3batchops/scaffold/templates/starter/internal/args"
)

func main() {
	f, err := NewFunction(context.Background())
	if err != nil {
		log.Fatalf("NewFunction: %v", err)
	}
	lambda.Start(batch.NewHandler(args.Parse, f.Process, batch.Config{}))
}
