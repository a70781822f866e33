//go:build linux && amd64

package sys

func Arch() string { return "amd64" }
