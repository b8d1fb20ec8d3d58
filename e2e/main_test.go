package e2e

import (
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestMain(m *testing.M) { daptest.Main(m) }
