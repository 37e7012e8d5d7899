package io.llmrouter.cache.accuracy;

import java.util.Arrays;
import java.util.List;

/**
 * Fits a logistic regression with a small L2 penalty by Newton's method: few features, a few thousand rows,
 * so each step solves the full Hessian and ten or so steps converge.
 *
 * @param weights one per feature
 * @param bias    the intercept (not penalised)
 */
public record LogisticFit(double[] weights, double bias) {

    private static final int MAX_STEPS = 50;

    /**
     * Fits {@code labels[i]} (true: same meaning) from {@code rows.get(i)} with penalty {@code l2}; each
     * different-meaning row counts {@code negativeWeight} times, since the decision runs where false hits are rare.
     */
    public static LogisticFit fit(List<double[]> rows, boolean[] labels, double l2, double negativeWeight) {
        int n = rows.get(0).length + 1;
        double[] beta = new double[n];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            for (int r = 0; r < rows.size(); r++) {
                double[] x = withBias(rows.get(r));
                double p = sigmoid(dot(beta, x));
                double weight = labels[r] ? 1.0 : negativeWeight;
                double error = weight * (p - (labels[r] ? 1 : 0));
                double w = weight * Math.max(p * (1 - p), 1e-9);
                for (int i = 0; i < n; i++) {
                    gradient[i] += error * x[i];
                    for (int j = 0; j < n; j++) {
                        hessian[i][j] += w * x[i] * x[j];
                    }
                }
            }
            for (int i = 1; i < n; i++) {
                gradient[i] += l2 * beta[i];
                hessian[i][i] += l2;
            }
            double[] delta = solve(hessian, gradient);
            double change = 0;
            for (int i = 0; i < n; i++) {
                beta[i] -= delta[i];
                change = Math.max(change, Math.abs(delta[i]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return new LogisticFit(Arrays.copyOfRange(beta, 1, n), beta[0]);
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
