//! Listwise training for the re-ranker's linear stages: softmax loss over each query's
//! documents (its listed ones should take the probability mass) with a little ridge, by
//! Newton's method in a fixed order, then a logistic calibration of the weighed sums. The
//! same samples give the same weights, bit for bit.

/// One query's rows of `N` features and which rows its duty lists.
pub struct Query<'a, const N: usize> {
    pub rows: &'a [[f32; N]],
    pub relevant: &'a [bool],
}

fn dot<const N: usize>(w: &[f32; N], f: &[f32; N]) -> f64 {
    w.iter().zip(f).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The weights that minimise the listwise softmax loss plus `ridge` × |w|².
pub fn train<const N: usize>(queries: &[Query<'_, N>], ridge: f64) -> [f32; N] {
    let mut w = [0.0f64; N];
    for _ in 0..40 {
        let mut grad = [0.0f64; N];
        let mut hess = vec![[0.0f64; N]; N];
        let wf: [f32; N] = w.map(|x| x as f32);
        for q in queries {
            let relevant = q.relevant.iter().filter(|&&r| r).count();
            if relevant == 0 || q.rows.is_empty() {
                continue;
            }
            let scores: Vec<f64> = q.rows.iter().map(|f| dot(&wf, f)).collect();
            let top = scores.iter().copied().fold(f64::MIN, f64::max);
            let exp: Vec<f64> = scores.iter().map(|x| (x - top).exp()).collect();
            let z: f64 = exp.iter().sum();
            let mut mean = [0.0f64; N];
            for (f, e) in q.rows.iter().zip(&exp) {
                let p = e / z;
                for (m, &x) in mean.iter_mut().zip(f) {
                    *m += p * f64::from(x);
                }
            }
            let t = 1.0 / relevant as f64;
            for ((f, e), &r) in q.rows.iter().zip(&exp).zip(q.relevant) {
                let p = e / z;
                let target = if r { t } else { 0.0 };
                for (a, row) in hess.iter_mut().enumerate() {
                    let fa = f64::from(f[a]);
                    grad[a] += (p - target) * fa;
                    let da = fa - mean[a];
                    for (h, (&fb, &mb)) in row.iter_mut().zip(f.iter().zip(&mean)) {
                        *h += p * da * (f64::from(fb) - mb);
                    }
                }
            }
        }
        for (a, row) in hess.iter_mut().enumerate() {
            grad[a] += ridge * w[a];
            row[a] += ridge;
        }
        let step = solve(hess, grad);
        let size: f64 = step.iter().map(|x| x * x).sum::<f64>().sqrt();
        for (x, s) in w.iter_mut().zip(step) {
            *x -= s;
        }
        if size < 1e-7 {
            break;
        }
    }
    w.map(|x| x as f32)
}

/// A logistic fit of "listed" on the weighed sum: (scale, offset).
pub fn calibrate<const N: usize>(queries: &[Query<'_, N>], weights: &[f32; N]) -> (f32, f32) {
    let points: Vec<(f64, f64)> = queries
        .iter()
        .flat_map(|q| {
            q.rows
                .iter()
                .zip(q.relevant)
                .map(|(f, &r)| (dot(weights, f), if r { 1.0 } else { 0.0 }))
        })
        .collect();
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..30 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(x, y) in &points {
            let p = logistic(a * x + b);
            let (e, v) = (p - y, p * (1.0 - p));
            ga += e * x;
            gb += e;
            haa += v * x * x;
            hab += v * x;
            hbb += v;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (a is small and, with the
/// ridge, positive definite).
fn solve<const N: usize>(mut a: Vec<[f64; N]>, mut b: [f64; N]) -> [f64; N] {
    for col in 0..N {
        let pivot = (col..N)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot_row = a[col];
        for row in col + 1..N {
            let f = a[row][col] / d;
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0f64; N];
    for col in (0..N).rev() {
        let s: f64 = (col + 1..N).map(|k| a[col][k] * x[k]).sum();
        let d = a[col][col];
        x[col] = if d.abs() < 1e-12 { 0.0 } else { (b[col] - s) / d };
    }
    x
}
