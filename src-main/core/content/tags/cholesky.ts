// Solves symmetric positive-definite systems by Cholesky factorisation (the ridge normal equations).

/** Lower-triangular L with A = L·Lᵀ, for an n×n row-major SPD matrix; throws if A is not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new Error(`cholesky: ${a.length} values is not ${n}×${n}`)
  const l = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k]
      if (i === j) {
        if (!(s > 0))
          throw new Error(
            `cholesky: the matrix is not positive definite (pivot ${i} is ${s}); increase the ridge penalty`,
          )
        l[i * n + i] = Math.sqrt(s)
      } else {
        l[i * n + j] = s / l[j * n + j]
      }
    }
  }
  return l
}

/** Solves A·X = B for X (n×m, row-major) given the factor L of A; B is overwritten by X and returned. */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
): Float64Array {
  if (b.length !== n * m)
    throw new Error(`choleskySolve: right-hand side of ${b.length} values is not ${n}×${m}`)
  // Forward: L·Y = B.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const lik = l[i * n + k]
      if (lik === 0) continue
      for (let c = 0; c < m; c++) b[i * m + c] -= lik * b[k * m + c]
    }
    const d = l[i * n + i]
    for (let c = 0; c < m; c++) b[i * m + c] /= d
  }
  // Backward: Lᵀ·X = Y.
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i]
      if (lki === 0) continue
      for (let c = 0; c < m; c++) b[i * m + c] -= lki * b[k * m + c]
    }
    const d = l[i * n + i]
    for (let c = 0; c < m; c++) b[i * m + c] /= d
  }
  return b
}
