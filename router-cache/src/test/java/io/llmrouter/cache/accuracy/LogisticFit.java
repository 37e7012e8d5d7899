package io.llmrouter.cache.accuracy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits a logistic regression with a small L2 penalty and a sign on each weight, by Newton's method over the
 * weights left free (an active set): few features and a few thousand rows, so each step solves the full Hessian.
 *
 * @param weights one per feature
 * @param bias    the intercept (not penalised, unsigned)
 */
public record LogisticFit(double[] weights, double bias) {

    private static final int MAX_NEWTON_STEPS = 50;
    private static final int MAX_ROUNDS = 200;

    /**
     * Fits {@code labels[i]} (true: same meaning) from {@code rows.get(i)}.
     *
     * @param l2             penalty on the weights
     * @param negativeWeight how many times each different-meaning row counts: the decision runs where false hits
     *                       are rare, so they are what the fit must get right
     * @param directions     per feature, +1 if its weight must not be negative, -1 if it must not be positive
     */
    public static LogisticFit fit(List<double[]> rows, boolean[] labels, double l2, double negativeWeight,
                                  List<Integer> directions) {
        int n = rows.get(0).length + 1;
        double[][] x = rows.stream().map(LogisticFit::withBias).toArray(double[][]::new);
        boolean[] free = new boolean[n];
        Arrays.fill(free, true);
        double[] beta = new double[n];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            newton(x, labels, l2, negativeWeight, free, beta);
            boolean clamped = false;
            for (int i = 1; i < n; i++) {
                if (free[i] && beta[i] * directions.get(i - 1) < 0) {
                    beta[i] = 0;
                    free[i] = false;
                    clamped = true;
                }
            }
            if (clamped) {
                continue;
            }
            // Free again the fixed weight whose gradient most wants to move it to its allowed side.
            double[] gradient = gradient(x, labels, l2, negativeWeight, beta);
            int release = -1;
            double strongest = 1e-6;
            for (int i = 1; i < n; i++) {
                double pull = -gradient[i] * directions.get(i - 1);
                if (!free[i] && pull > strongest) {
                    strongest = pull;
                    release = i;
                }
            }
            if (release < 0) {
                break;
            }
            free[release] = true;
        }
        return new LogisticFit(Arrays.copyOfRange(beta, 1, n), beta[0]);
    }

    private static void newton(double[][] x, boolean[] labels, double l2, double negativeWeight, boolean[] free,
                               double[] beta) {
        int[] index = IntStream.range(0, beta.length).filter(i -> free[i]).toArray();
        int m = index.length;
        for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
            double[] gradient = new double[m];
            double[][] hessian = new double[m][m];
            for (int r = 0; r < x.length; r++) {
                double p = sigmoid(dot(beta, x[r]));
                double weight = labels[r] ? 1.0 : negativeWeight;
                double error = weight * (p - (labels[r] ? 1 : 0));
                double curvature = weight * Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < m; a++) {
                    double xa = x[r][index[a]];
                    gradient[a] += error * xa;
                    for (int b = 0; b < m; b++) {
                        hessian[a][b] += curvature * xa * x[r][index[b]];
                    }
                }
            }
            for (int a = 0; a < m; a++) {
                if (index[a] != 0) {
                    gradient[a] += l2 * beta[index[a]];
                    hessian[a][a] += l2;
                }
            }
            double[] delta = solve(hessian, gradient);
            double before = loss(x, labels, l2, negativeWeight, beta);
            double[] start = beta.clone();
            double scale = 1.0;
            // Halve the step until the loss falls: a full Newton step can overshoot far from the optimum.
            for (int halving = 0; halving < 40; halving++) {
                for (int a = 0; a < m; a++) {
                    beta[index[a]] = start[index[a]] - scale * delta[a];
                }
                if (loss(x, labels, l2, negativeWeight, beta) <= before) {
                    break;
                }
                scale /= 2;
            }
            double change = 0;
            for (int a = 0; a < m; a++) {
                change = Math.max(change, Math.abs(scale * delta[a]));
            }
            if (change < 1e-8) {
                return;
            }
        }
    }

    private static double loss(double[][] x, boolean[] labels, double l2, double negativeWeight, double[] beta) {
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double z = dot(beta, x[r]);
            // log(1 + e^z) without overflow, minus z for the positive rows.
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            loss += labels[r] ? softplus - z : negativeWeight * softplus;
        }
        for (int i = 1; i < beta.length; i++) {
            loss += l2 / 2 * beta[i] * beta[i];
        }
        return loss;
    }

    private static double[] gradient(double[][] x, boolean[] labels, double l2, double negativeWeight, double[] beta) {
        double[] gradient = new double[beta.length];
        for (int r = 0; r < x.length; r++) {
            double p = sigmoid(dot(beta, x[r]));
            double error = (labels[r] ? 1.0 : negativeWeight) * (p - (labels[r] ? 1 : 0));
            for (int i = 0; i < beta.length; i++) {
                gradient[i] += error * x[r][i];
            }
        }
        for (int i = 1; i < beta.length; i++) {
            gradient[i] += l2 * beta[i];
        }
        return gradient;
    }

    private static double[] withBias(double[] row) {
        double[] x = new double[row.length + 1];
        x[0] = 1;
        System.arraycopy(row, 0, x, 1, row.length);
        return x;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Gaussian elimination with partial pivoting; the Hessian is small and positive definite. */
    private static double[] solve(double[][] matrix, double[] vector) {
        int n = vector.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOf(matrix[i], n + 1);
            a[i][n] = vector[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = a[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }
}
