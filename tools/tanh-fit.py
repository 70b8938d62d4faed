"""The rational approximation of tanh used by src/Lsgan/Models/Layers/TanhKernel.cs: python3 tools/tanh-fit.py

tanh x ~ x P(x^2) / Q(x^2) on [0, 9] (tanh rounds to 1 in float32 beyond), P and Q of degree 4, Q(0) = 1, fitted for
the least maximum relative error: linearised least squares x P - tanh(x) Q = 0 weighted by 1 / (tanh Q) (Loeb), with
Lawson's multiplicative reweighting towards the points of largest error. Needs numpy (Debian: python3-numpy).
Prints the coefficients, the fit's own maximum relative error, and the worst error of the float32 evaluation the
kernel does (clamp, Horner with float32 rounding, one division) in units in the last place, over a dense grid."""
import numpy as np

DEGREE, LIMIT = 4, 9.0

x = np.concatenate([np.linspace(1e-4, 1, 4000), np.linspace(1, LIMIT, 8000)])
t, f = x * x, np.tanh(x)
A = np.concatenate([np.stack([x * t**k for k in range(DEGREE + 1)], 1),
                    np.stack([-f * t**k for k in range(1, DEGREE + 1)], 1)], 1)
weights, q_values, best = np.ones_like(x), np.ones_like(x), None
for _ in range(300):
    scale = weights / (f * q_values)
    c, *_ = np.linalg.lstsq(A * scale[:, None], f * scale, rcond=None)
    P, Q = c[:DEGREE + 1], np.concatenate([[1.0], c[DEGREE + 1:]])
    q_values = np.polyval(Q[::-1], t)
    error = np.abs(x * np.polyval(P[::-1], t) / q_values / f - 1)
    if best is None or error.max() < best[0]:
        best = (error.max(), P.copy(), Q.copy())
    weights = weights * np.sqrt(error / error.max()) + 1e-12
    weights /= weights.sum()
worst, P, Q = best
print('P (coefficients of t^0 .. t^4, t = x^2):', ', '.join(repr(float(v)) for v in P))
print('Q (coefficients of t^0 .. t^4):', ', '.join(repr(float(v)) for v in Q))
print(f'fit: max relative error {worst:.3e}')

grid = np.linspace(-12, 12, 2_400_001).astype(np.float32)
c = np.clip(grid, -np.float32(LIMIT), np.float32(LIMIT))
s = c * c
p = np.float32(P[-1])
for k in P[-2::-1]:
    p = p * s + np.float32(k)
q = np.float32(Q[-1])
for k in Q[-2::-1]:
    q = q * s + np.float32(k)
y = ((c * p) / q).astype(np.float64)
exact = np.tanh(grid.astype(np.float64))
ulp = np.spacing(np.abs(exact).astype(np.float32)).astype(np.float64)
print(f'float32 evaluation: worst {np.max(np.abs(y - exact) / ulp):.2f} ulp over [-12, 12]')
