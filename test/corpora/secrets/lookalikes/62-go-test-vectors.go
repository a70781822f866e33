package crypto

var vectors = []struct{ key, want string }{
	{key: "000102030405060708090a0b0c0d0e0f", want: "69c4e0d86a7b0430d8cdb78070b4c55a"},
	{key: "2b7e151628aed2a6abf7158809cf4f3c", want: "3ad77bb40d7a3660a89ecaf32466ef97"},
}
