package gen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/s3batchops/scaffold/schema"
)

// The copy starter is the AWS Storage Blog's copy function in Go: each
// object is copied, with its version when the manifest names one, to
// MyDestinationBucket, its key between MyDestinationPrefix and
// MyDestinationObjectKeySuffix. Its function_test.go runs it against an S3
// REST server on 127.0.0.1 with the real SDK client.

const (
	pkgConfig      = "github.com/aws/aws-sdk-go-v2/config"
	pkgS3          = "github.com/aws/aws-sdk-go-v2/service/s3"
	pkgS3Types     = "github.com/aws/aws-sdk-go-v2/service/s3/types"
	pkgCredentials = "github.com/aws/aws-sdk-go-v2/credentials"
	pkgGofakes3    = "github.com/johannesboyne/gofakes3"
	pkgS3mem       = "github.com/johannesboyne/gofakes3/backend/s3mem"
)

// copyArgs are the arguments the copy function reads, all strings.
var copyArgs = []string{"MyDestinationBucket", "MyDestinationBucketRegion", "MyDestinationPrefix", "MyDestinationObjectKeySuffix"}

// checkStarter reports a starter that cannot work with spec.
func checkStarter(starter string, spec *schema.Spec, task bool) error {
	if starter != "copy" {
		return nil
	}
	if task {
		return fmt.Errorf("the copy starter copies the object each key names: it takes no task schema")
	}
	var missing []string
	for _, name := range copyArgs {
		ok := false
		for _, a := range spec.Args {
			if a.Name == name && a.GoName == name && a.Type == schema.String && !a.IsEnum() && !a.Optional() {
				ok = true
			}
		}
		if !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the copy starter reads the string arguments %s, each required or with a default; the schema lacks %s: leave out --schema to use the starter's own",
			strings.Join(copyArgs, ", "), strings.Join(missing, ", "))
	}
	return nil
}

// emitCopyFunction returns the copy starter's function.go.
func emitCopyFunction(m *model) *jen.File {
	f := newGoFile("main", User, m)
	f.Comment("This file is yours: scaffold wrote it once and never changes it. It is the")
	f.Comment("AWS Storage Blog's copy function: each object of the job is copied to")
	f.Comment("MyDestinationBucket, its key between MyDestinationPrefix and")
	f.Comment("MyDestinationObjectKeySuffix.")
	f.Line()
	f.Comment("Function holds the S3 client, made once per execution environment.")
	f.Type().Id("Function").Struct(jen.Id("s3").Op("*").Qual(pkgS3, "Client"))
	f.Line()
	f.Comment("NewFunction makes the S3 client, with the credentials of the function's role.")
	f.Func().Id("NewFunction").Params(jen.Id("ctx").Qual(pkgContext, "Context")).Params(jen.Op("*").Id("Function"), jen.Error()).Block(
		jen.List(jen.Id("cfg"), jen.Id("err")).Op(":=").Qual(pkgConfig, "LoadDefaultConfig").Call(jen.Id("ctx")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))),
		jen.Return(jen.Op("&").Id("Function").Values(jen.Dict{jen.Id("s3"): jen.Qual(pkgS3, "NewFromConfig").Call(jen.Id("cfg"))}), jen.Nil()),
	)
	f.Line()
	f.Comment("Process copies one object, in the version the manifest names if any. The")
	f.Comment("SDK's errors are classified for S3: SlowDown and 5xx are retried, NoSuchKey")
	f.Comment("and AccessDenied are not. The handler logs every task that fails, with its")
	f.Comment("reason; to log more, batch.Logger(ctx).InfoContext(ctx, …) carries the")
	f.Comment("task's jobId, taskId, bucket, key and versionId, and the requestId.")
	f.Func().Params(jen.Id("f").Op("*").Id("Function")).Id("Process").Params(
		jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("task").Qual(m.batchPkg, "Task"), jen.Id("a").Qual(m.argsPkg, "Args"),
	).Params(jen.String(), jen.Error()).Block(
		jen.Id("key").Op(":=").Id("a").Dot("MyDestinationPrefix").Op("+").Id("task").Dot("Key").Op("+").Id("a").Dot("MyDestinationObjectKeySuffix"),
		jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("f").Dot("s3").Dot("CopyObject").Call(
			jen.Id("ctx"),
			jen.Op("&").Qual(pkgS3, "CopyObjectInput").Values(jen.Dict{
				jen.Id("Bucket"):     jen.Qual(pkgAWS, "String").Call(jen.Id("a").Dot("MyDestinationBucket")),
				jen.Id("Key"):        jen.Qual(pkgAWS, "String").Call(jen.Id("key")),
				jen.Id("CopySource"): jen.Qual(pkgAWS, "String").Call(jen.Id("copySource").Call(jen.Id("task").Dot("Bucket"), jen.Id("task").Dot("Key"), jen.Id("task").Dot("VersionID"))),
			}),
			jen.Func().Params(jen.Id("o").Op("*").Qual(pkgS3, "Options")).Block(
				jen.If(jen.Id("a").Dot("MyDestinationBucketRegion").Op("!=").Lit("")).Block(
					jen.Id("o").Dot("Region").Op("=").Id("a").Dot("MyDestinationBucketRegion"),
				),
			),
		),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Id("err"))),
		jen.Return(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit("copied to s3://%s/%s"), jen.Id("a").Dot("MyDestinationBucket"), jen.Id("key")), jen.Nil()),
	)
	f.Line()
	f.Comment("copySource is CopyObject's CopySource, bucket/key[?versionId=V], with the key")
	f.Comment("percent-encoded but for unreserved characters and \"/\", as S3 requires: a \"+\"")
	f.Comment("is %2B and a space %20. (url.PathEscape leaves \"+\" alone and url.QueryEscape")
	f.Comment("writes a space as \"+\": either copies a wrong key.)")
	c := jen.Id("c")
	f.Func().Id("copySource").Params(jen.List(jen.Id("bucket"), jen.Id("key"), jen.Id("versionID")).String()).String().Block(
		jen.Var().Id("b").Qual(pkgStrings, "Builder"),
		jen.Id("b").Dot("WriteString").Call(jen.Id("bucket").Op("+").Lit("/")),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Len(jen.Id("key")), jen.Id("i").Op("++")).Block(
			jen.Switch(jen.Add(c.Clone()).Op(":=").Id("key").Index(jen.Id("i")), jen.Empty()).Block(
				jen.Case(
					jen.LitRune('a').Op("<=").Add(c.Clone()).Op("&&").Add(c.Clone()).Op("<=").LitRune('z').Op("||").
						LitRune('A').Op("<=").Add(c.Clone()).Op("&&").Add(c.Clone()).Op("<=").LitRune('Z').Op("||").
						LitRune('0').Op("<=").Add(c.Clone()).Op("&&").Add(c.Clone()).Op("<=").LitRune('9').Op("||").
						Qual(pkgStrings, "IndexByte").Call(jen.Lit("-._~/"), c.Clone()).Op(">=").Lit(0),
				).Block(jen.Id("b").Dot("WriteByte").Call(c.Clone())),
				jen.Default().Block(jen.Qual(pkgFmt, "Fprintf").Call(jen.Op("&").Id("b"), jen.Lit("%%%02X"), c.Clone())),
			),
		),
		jen.If(jen.Id("versionID").Op("!=").Lit("")).Block(
			jen.Id("b").Dot("WriteString").Call(jen.Lit("?versionId=").Op("+").Qual(pkgURL, "QueryEscape").Call(jen.Id("versionID"))),
		),
		jen.Return(jen.Id("b").Dot("String").Call()),
	)
	return f
}

// emitCopyFunctionTest returns the copy starter's function_test.go: Process
// against an S3 REST server (gofakes3) on 127.0.0.1, with the real client.
func emitCopyFunctionTest(m *model) *jen.File {
	f := newGoFile("main", User, m)
	f.Comment("This file is yours, like function.go. TestProcess copies objects on an S3")
	f.Comment("REST server started on 127.0.0.1 (gofakes3), with the real SDK client:")
	f.Comment("keys with spaces, \"+\" and non-ASCII characters, a version, a missing key")
	f.Comment("(PermanentFailure) and a throttled request (TemporaryFailure).")
	f.Line()
	t := func(m string, args ...jen.Code) jen.Code {
		return jen.Id("t").Dot(m).Call(args...)
	}
	ctx := jen.Id("ctx")
	str := func(s string) jen.Code { return jen.Qual(pkgAWS, "String").Call(jen.Lit(s)) }
	f.Comment("server wraps the S3 server: it records each CopySource the function sends,")
	f.Comment("and answers 503 SlowDown, as S3 does when throttling, for keys with")
	f.Comment("\"slow-down\" in them.")
	f.Type().Id("server").Struct(
		jen.Id("next").Qual(pkgHTTP, "Handler"),
		jen.Id("mu").Qual("sync", "Mutex"),
		jen.Id("copySources").Index().String(),
	)
	f.Line()
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("ServeHTTP").Params(jen.Id("w").Qual(pkgHTTP, "ResponseWriter"), jen.Id("r").Op("*").Qual(pkgHTTP, "Request")).Block(
		jen.If(jen.Id("src").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("X-Amz-Copy-Source")), jen.Id("src").Op("!=").Lit("")).Block(
			jen.Id("s").Dot("mu").Dot("Lock").Call(),
			jen.Id("s").Dot("copySources").Op("=").Append(jen.Id("s").Dot("copySources"), jen.Id("src")),
			jen.Id("s").Dot("mu").Dot("Unlock").Call(),
		),
		jen.If(jen.Qual(pkgStrings, "Contains").Call(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("X-Amz-Copy-Source")), jen.Lit("slow-down"))).Block(
			jen.Id("w").Dot("WriteHeader").Call(jen.Qual(pkgHTTP, "StatusServiceUnavailable")),
			jen.Qual(pkgFmt, "Fprint").Call(jen.Id("w"), jen.Lit(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)),
			jen.Return(),
		),
		jen.Id("s").Dot("next").Dot("ServeHTTP").Call(jen.Id("w"), jen.Id("r")),
	)
	f.Line()
	f.Func().Id("TestProcess").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Add(ctx).Op(":=").Qual(pkgContext, "Background").Call(),
		jen.Id("s3server").Op(":=").Op("&").Id("server").Values(jen.Dict{jen.Id("next"): jen.Qual(pkgGofakes3, "New").Call(jen.Qual(pkgS3mem, "New").Call()).Dot("Server").Call()}),
		jen.Id("ts").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Id("s3server")),
		jen.Defer().Id("ts").Dot("Close").Call(),
		jen.Id("client").Op(":=").Qual(pkgS3, "New").Call(jen.Qual(pkgS3, "Options").Values(jen.Dict{
			jen.Id("BaseEndpoint"):               jen.Qual(pkgAWS, "String").Call(jen.Id("ts").Dot("URL")),
			jen.Id("UsePathStyle"):               jen.True(),
			jen.Id("Region"):                     jen.Lit("us-east-1"),
			jen.Id("Credentials"):                jen.Qual(pkgCredentials, "NewStaticCredentialsProvider").Call(jen.Lit("AKIDEXAMPLE"), jen.Lit("SECRET"), jen.Lit("")),
			jen.Id("RetryMaxAttempts"):           jen.Lit(1),
			jen.Id("RequestChecksumCalculation"): jen.Qual(pkgAWS, "RequestChecksumCalculationWhenRequired"),
			jen.Id("ResponseChecksumValidation"): jen.Qual(pkgAWS, "ResponseChecksumValidationWhenRequired"),
		})),
		jen.Id("f").Op(":=").Op("&").Id("Function").Values(jen.Dict{jen.Id("s3"): jen.Id("client")}),
		jen.For(jen.List(jen.Id("_"), jen.Id("b")).Op(":=").Range().Index().String().Values(jen.Lit("source"), jen.Lit("destination"))).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("client").Dot("CreateBucket").Call(ctx, jen.Op("&").Qual(pkgS3, "CreateBucketInput").Values(jen.Dict{jen.Id("Bucket"): jen.Qual(pkgAWS, "String").Call(jen.Id("b"))})), jen.Id("err").Op("!=").Nil()).Block(t("Fatal", jen.Id("err"))),
		),
		jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("client").Dot("PutBucketVersioning").Call(ctx, jen.Op("&").Qual(pkgS3, "PutBucketVersioningInput").Values(jen.Dict{
			jen.Id("Bucket"):                  str("source"),
			jen.Id("VersioningConfiguration"): jen.Op("&").Qual(pkgS3Types, "VersioningConfiguration").Values(jen.Dict{jen.Id("Status"): jen.Qual(pkgS3Types, "BucketVersioningStatusEnabled")}),
		})),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(t("Fatal", jen.Id("err"))),
		jen.Comment("put stores an object and returns its version."),
		jen.Id("put").Op(":=").Func().Params(jen.List(jen.Id("key"), jen.Id("body")).String()).String().Block(
			jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("client").Dot("PutObject").Call(ctx, jen.Op("&").Qual(pkgS3, "PutObjectInput").Values(jen.Dict{
				jen.Id("Bucket"): str("source"), jen.Id("Key"): jen.Qual(pkgAWS, "String").Call(jen.Id("key")), jen.Id("Body"): jen.Qual(pkgStrings, "NewReader").Call(jen.Id("body")),
			})),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(t("Fatalf", jen.Lit("put %q: %v"), jen.Id("key"), jen.Id("err"))),
			jen.Return(jen.Qual(pkgAWS, "ToString").Call(jen.Id("out").Dot("VersionId"))),
		),
		jen.Id("put").Call(jen.Lit("photos/cat 1.jpg"), jen.Lit("a cat")),
		jen.Id("put").Call(jen.Lit("a+b=c.txt"), jen.Lit("plus")),
		jen.Id("put").Call(jen.Lit("café/写真.jpg"), jen.Lit("non-ASCII")),
		jen.Id("first").Op(":=").Id("put").Call(jen.Lit("versioned.txt"), jen.Lit("first version")),
		jen.Id("put").Call(jen.Lit("versioned.txt"), jen.Lit("second version")),
		jen.Id("a").Op(":=").Id("mustParse").Call(jen.Id("t"), jen.Map(jen.String()).String().Values(jen.Dict{
			jen.Lit("MyDestinationBucket"): jen.Lit("destination"), jen.Lit("MyDestinationPrefix"): jen.Lit("copied/"), jen.Lit("MyDestinationObjectKeySuffix"): jen.Lit(".bak"),
		})),
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(jen.List(jen.Id("key"), jen.Id("version"), jen.Id("want")).String()).Values(
			jen.Values(jen.Lit("photos/cat 1.jpg"), jen.Lit(""), jen.Lit("a cat")),
			jen.Values(jen.Lit("a+b=c.txt"), jen.Lit(""), jen.Lit("plus")),
			jen.Values(jen.Lit("café/写真.jpg"), jen.Lit(""), jen.Lit("non-ASCII")),
			jen.Values(jen.Lit("versioned.txt"), jen.Lit(""), jen.Lit("second version")),
		)).Block(
			jen.Id("task").Op(":=").Qual(m.batchPkg, "Task").Values(jen.Dict{jen.Id("Bucket"): jen.Lit("source"), jen.Id("Key"): jen.Id("tc").Dot("key"), jen.Id("VersionID"): jen.Id("tc").Dot("version")}),
			jen.List(jen.Id("result"), jen.Id("err")).Op(":=").Id("f").Dot("Process").Call(ctx, jen.Id("task"), jen.Id("a")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(t("Fatalf", jen.Lit("Process(%q): %v"), jen.Id("tc").Dot("key"), jen.Id("err"))),
			jen.Id("dst").Op(":=").Lit("copied/").Op("+").Id("tc").Dot("key").Op("+").Lit(".bak"),
			jen.If(jen.Id("want").Op(":=").Lit("copied to s3://destination/").Op("+").Id("dst"), jen.Id("result").Op("!=").Id("want")).Block(t("Errorf", jen.Lit("Process(%q) = %q, want %q"), jen.Id("tc").Dot("key"), jen.Id("result"), jen.Id("want"))),
			jen.List(jen.Id("got"), jen.Id("err")).Op(":=").Id("client").Dot("GetObject").Call(ctx, jen.Op("&").Qual(pkgS3, "GetObjectInput").Values(jen.Dict{jen.Id("Bucket"): str("destination"), jen.Id("Key"): jen.Qual(pkgAWS, "String").Call(jen.Id("dst"))})),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(t("Fatalf", jen.Lit("%s was not copied to %s: %v"), jen.Id("tc").Dot("key"), jen.Id("dst"), jen.Id("err"))),
			jen.List(jen.Id("body"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("got").Dot("Body")),
			jen.If(jen.String().Call(jen.Id("body")).Op("!=").Id("tc").Dot("want")).Block(t("Errorf", jen.Lit("%s holds %q, want %q"), jen.Id("dst"), jen.Id("body"), jen.Id("tc").Dot("want"))),
		),
		jen.Line().Comment("A version is copied as S3 names it: the key encoded, then ?versionId=."),
		jen.Comment("(gofakes3 copies the newest version whatever the request says, so this"),
		jen.Comment("checks the request.)"),
		jen.If(jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("f").Dot("Process").Call(ctx, jen.Qual(m.batchPkg, "Task").Values(jen.Dict{jen.Id("Bucket"): jen.Lit("source"), jen.Id("Key"): jen.Lit("versioned.txt"), jen.Id("VersionID"): jen.Id("first")}), jen.Id("a")), jen.Id("err").Op("!=").Nil()).Block(t("Fatal", jen.Id("err"))),
		jen.Id("want").Op(":=").Index().String().Values(jen.Lit("source/photos/cat%201.jpg"), jen.Lit("source/a%2Bb%3Dc.txt"), jen.Lit("source/caf%C3%A9/%E5%86%99%E7%9C%9F.jpg"), jen.Lit("source/versioned.txt"), jen.Lit("source/versioned.txt?versionId=").Op("+").Qual(pkgURL, "QueryEscape").Call(jen.Id("first"))),
		jen.If(jen.Op("!").Qual(pkgSlices, "Equal").Call(jen.Id("s3server").Dot("copySources"), jen.Id("want"))).Block(t("Errorf", jen.Lit("CopySource headers =\n%q\nwant\n%q"), jen.Id("s3server").Dot("copySources"), jen.Id("want"))),
		jen.If(jen.Id("first").Op("==").Lit("")).Block(t("Error", jen.Lit("the source bucket gave no version id"))),
		jen.Line().Comment("A missing key fails for good; a throttled copy is tried again."),
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(jen.Id("key").String(), jen.Id("want").Qual(m.batchPkg, "Code")).Values(
			jen.Values(jen.Lit("no/such/key"), jen.Qual(m.batchPkg, "PermanentFailure")),
			jen.Values(jen.Lit("slow-down.txt"), jen.Qual(m.batchPkg, "TemporaryFailure")),
		)).Block(
			jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("f").Dot("Process").Call(ctx, jen.Qual(m.batchPkg, "Task").Values(jen.Dict{jen.Id("Bucket"): jen.Lit("source"), jen.Id("Key"): jen.Id("tc").Dot("key")}), jen.Id("a")),
			jen.If(jen.Id("got").Op(":=").Qual(m.batchPkg, "Settings").Dot("Classify").Call(ctx, jen.Id("err")), jen.Id("got").Op("!=").Id("tc").Dot("want")).Block(
				t("Errorf", jen.Lit("Process(%q) error %v is %s, want %s"), jen.Id("tc").Dot("key"), jen.Id("err"), jen.Id("got"), jen.Id("tc").Dot("want")),
			),
		),
	)
	f.Line()
	f.Func().Id("mustParse").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T"), jen.Id("m").Map(jen.String()).String()).Qual(m.argsPkg, "Args").Block(
		jen.List(jen.Id("a"), jen.Id("err")).Op(":=").Qual(m.argsPkg, "Parse").Call(jen.Id("m")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(t("Fatal", jen.Id("err"))),
		jen.Return(jen.Id("a")),
	)
	return f
}
