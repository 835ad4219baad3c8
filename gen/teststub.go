package gen

import "github.com/dave/jennifer/jen"

func emitArgsTest(m *model) *jen.File     { return newGoFile("args", Scaffold, m) }
func emitHandlerTest(m *model) *jen.File  { return newGoFile("batch_test", Scaffold, m) }
func emitClassifyTest(m *model) *jen.File { return newGoFile("batch", Scaffold, m) }
func emitBenchTest(m *model) *jen.File    { return newGoFile("batch_test", Scaffold, m) }
