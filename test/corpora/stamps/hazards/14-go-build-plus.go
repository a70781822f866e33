//go:build !windows
// +build !windows

// Package unix holds unix helpers.
package unix

const Sep = '/'
