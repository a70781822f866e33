// Package orders prices orders.
package orders

func Total(a, b int) int { return a + b }
