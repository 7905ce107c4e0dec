package golden;

import static io.github.sourcegrad.ArrayMath.*;

import io.github.sourcegrad.Buffers;
import io.github.sourcegrad.StaleCompanionError;
import io.github.sourcegrad.Tape;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode gradients of the {@code @Differentiable} methods of {@link Gmm}, written by SourceGrad.
 * <p>Generated at compile time from the source of {@link Gmm}: edit that class, not this one.
 */
@Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
@io.github.sourcegrad.Generated("io.github.sourcegrad.processor.DifferentiableProcessor")
public final class GmmGrad {
    static {
        // refuses to load with another version of the runtime than the processor that wrote it
        StaleCompanionError.checkVersion(GmmGrad.class, "${project.version}");
    }

    private GmmGrad() {
    }

    /**
     * Value and gradient of {@link Gmm#objective(double[], double[][], double[][], double[][], double, int)}, computed by reverse mode.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code l} (int); {@code l2} (int); {@code best} (double); {@code bestAlpha} (double); {@code l3} (int). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     * <p>Keeps on the tape, in each iteration of a loop, what the backward pass would otherwise compute
     * again at more than the cost of a push and a pop: {@code sum} as the inner loop over {@code ik3} leaves it; {@code t50} (the result of {@code exp}); the trip count of the inner loop over {@code id4}; {@code frobenius} as the inner loop over {@code id4} leaves it.
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     *
     * @param alphas the argument {@code alphas} of {@code objective}
     * @param means the argument {@code means} of {@code objective}
     * @param icf the argument {@code icf} of {@code objective}
     * @param x the argument {@code x} of {@code objective}, held constant
     * @param gamma the argument {@code gamma} of {@code objective}, held constant
     * @param m the argument {@code m} of {@code objective}, held constant
     * @return the value and the partial derivatives with respect to {@code alphas}, {@code means}, {@code icf}
     * @throws NullPointerException if an array is null
     */
    public static ObjectiveGradient dobjective(double[] alphas, double[][] means, double[][] icf,
            double[][] x, double gamma, int m) {
        Objects.requireNonNull(alphas, "alphas");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(icf, "icf");
        Objects.requireNonNull(x, "x");
        requireRectangular("means", means);
        requireRectangular("icf", icf);
        requireRectangular("x", x);
        try (Tape tape = Tape.open()) {
            int n = x.length;
            int k = alphas.length;
            double[] t1 = x[0];
            int d = t1.length;
            double slse = 0;
            int trips = 0;
            for (int ix = 0; ix < n; ix++) {
                trips++;
                double[] mainTerm = new double[k];
                for (int ik = 0; ik < k; ik++) {
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best = mainTerm[0];
                for (int ik2 = 1; ik2 < k; ik2++) {
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double sum = 0;
                for (int ik3 = 0; ik3 < k; ik3++) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    sum = sum + t39;
                }
                tape.push(sum);
                double t41 = Math.log(sum);
                double t42 = best + t41;
                slse = slse + t42;
            }
            double bestAlpha = alphas[0];
            int trips2 = 0;
            for (int ik4 = 1; ik4 < k; ik4++) {
                trips2++;
                tape.push(bestAlpha);
                double t45 = alphas[ik4];
                bestAlpha = Math.max(bestAlpha, t45);
            }
            double sumAlpha = 0;
            int trips3 = 0;
            for (int ik5 = 0; ik5 < k; ik5++) {
                trips3++;
                double t48 = alphas[ik5];
                double t49 = t48 - bestAlpha;
                double t50 = Math.exp(t49);
                tape.push(t50);
                sumAlpha = sumAlpha + t50;
            }
            double prior = 0;
            int trips4 = 0;
            for (int ik6 = 0; ik6 < k; ik6++) {
                trips4++;
                double frobenius = 0;
                double sumQ2 = 0;
                int trips5 = 0;
                for (int id4 = 0; id4 < d; id4++) {
                    trips5++;
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double t55 = q * q;
                    frobenius = frobenius + t55;
                    double t56 = icf[ik6][id4];
                    sumQ2 = sumQ2 + t56;
                }
                tape.push(trips5);
                tape.push(frobenius);
                double frobenius2 = frobenius;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double t67 = t66 * frobenius2;
                double t68 = m * sumQ2;
                double t69 = t67 - t68;
                prior = prior + t69;
            }
            double t71 = Math.log(sumAlpha);
            double t72 = bestAlpha + t71;
            double t73 = n * t72;
            double t74 = slse - t73;
            double t75 = t74 + prior;

            double dt75 = 1;
            double dt74 = dt75;
            double dprior = dt75;
            double dslse = dt74;
            double dt73 = -dt74;
            double dt72 = n * dt73;
            double dbestAlpha = dt72;
            double dt71 = dt72;
            double dsumAlpha = dt71 / sumAlpha;
            double[][] dicf = zerosLike(icf);
            for (int ik6 = trips4 - 1; ik6 >= 0; ik6--) {
                double frobenius = tape.popDouble();
                int trips5 = tape.popInt();
                double frobenius2 = frobenius;
                long trips6 = 0;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    trips6++;
                    tape.push(l3);
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double dt69 = dprior;
                double dt67 = dt69;
                double dt68 = -dt69;
                double dsumQ2 = m * dt68;
                double dfrobenius2 = t66 * dt67;
                double dfrobenius = 0;
                for (; trips6 > 0; trips6--) {
                    int l3 = tape.popInt();
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double dt63 = dfrobenius2;
                    double dt61 = t62 * dt63;
                    double dt62 = t61 * dt63;
                    dicf[ik6][l3] += dt62;
                    dicf[ik6][l3] += dt61;
                }
                dfrobenius += dfrobenius2;
                for (int id4 = trips5 - 1; id4 >= 0; id4--) {
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double dt56 = dsumQ2;
                    dicf[ik6][id4] += dt56;
                    double dt55 = dfrobenius;
                    double dq = 2 * q * dt55;
                    double dt54 = q * dq;
                    dicf[ik6][id4] += dt54;
                }
            }
            double[] dalphas = new double[alphas.length];
            for (int ik5 = trips3 - 1; ik5 >= 0; ik5--) {
                double t50 = tape.popDouble();
                double dt50 = dsumAlpha;
                double dt49 = t50 * dt50;
                double dt48 = dt49;
                dbestAlpha += -dt49;
                dalphas[ik5] += dt48;
            }
            for (int ik4 = trips2; ik4 >= 1; ik4--) {
                bestAlpha = tape.popDouble();
                double t45 = alphas[ik4];
                double dbestAlpha3 = dbestAlpha;
                dbestAlpha = bestAlpha > t45 ? dbestAlpha3 : bestAlpha == t45 ? 0.5 * dbestAlpha3 : 0;
                double dt45 = t45 > bestAlpha ? dbestAlpha3 : t45 == bestAlpha ? 0.5 * dbestAlpha3 : 0;
                dalphas[ik4] += dt45;
            }
            dalphas[0] += dbestAlpha;
            double[][] dmeans = zerosLike(means);
            for (int ix = trips - 1; ix >= 0; ix--) {
                double sum = tape.popDouble();
                double[] mainTerm = new double[k];
                int trips7 = 0;
                for (int ik = 0; ik < k; ik++) {
                    trips7++;
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best2 = mainTerm[0];
                double best = best2;
                int trips8 = 0;
                for (int ik2 = 1; ik2 < k; ik2++) {
                    trips8++;
                    tape.push(best);
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double dt42 = dslse;
                double dbest = dt42;
                double dt41 = dt42;
                double dsum = dt41 / sum;
                double[] dmainTerm = new double[mainTerm.length];
                for (int ik3 = k - 1; ik3 >= 0; ik3--) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    double dt39 = dsum;
                    double dt38 = t39 * dt39;
                    double dt37 = dt38;
                    dbest += -dt38;
                    dmainTerm[ik3] += dt37;
                }
                double dbest2 = 0;
                for (int ik2 = trips8; ik2 >= 1; ik2--) {
                    best = tape.popDouble();
                    double t34 = mainTerm[ik2];
                    double dbest3 = dbest;
                    dbest = best > t34 ? dbest3 : best == t34 ? 0.5 * dbest3 : 0;
                    double dt34 = t34 > best ? dbest3 : t34 == best ? 0.5 * dbest3 : 0;
                    dmainTerm[ik2] += dt34;
                }
                dbest2 += dbest;
                dmainTerm[0] += dbest2;
                for (int ik = trips7 - 1; ik >= 0; ik--) {
                    double[] xc = new double[d];
                    int trips9 = 0;
                    for (int id = 0; id < d; id++) {
                        trips9++;
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ3 = 0;
                    double sumQ = sumQ3;
                    int trips10 = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        trips10++;
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l4 = d;
                    int l = l4;
                    int trips11 = 0;
                    for (int i = 0; i < d; i++) {
                        trips11++;
                        tape.push(l);
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq2 = 0;
                    double sq = sq2;
                    int trips12 = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        trips12++;
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double dt31 = dmainTerm[ik];
                    dmainTerm[ik] = 0;
                    double dt29 = dt31;
                    double dt30 = -dt31;
                    double dsq = 0.5 * dt30;
                    double dt28 = dt29;
                    double dsumQ = dt29;
                    dalphas[ik] += dt28;
                    double[] dqxc = new double[qxc.length];
                    for (int id3 = trips12 - 1; id3 >= 0; id3--) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double dt26 = dsq;
                        double dt24 = t25 * dt26;
                        double dt25 = t24 * dt26;
                        dqxc[id3] += dt25;
                        dqxc[id3] += dt24;
                    }
                    double[] dxc = new double[xc.length];
                    for (int i = trips11 - 1; i >= 0; i--) {
                        l = tape.popInt();
                        int l2 = l;
                        int trips13 = 0;
                        for (int j = i + 1; j < d; j++) {
                            trips13++;
                            tape.push(l2);
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        for (int j = i + 1 + trips13 - 1; j >= i + 1; j--) {
                            l2 = tape.popInt();
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double dt20 = dqxc[j];
                            double dt18 = t19 * dt20;
                            double dt19 = t18 * dt20;
                            dxc[i] += dt19;
                            dicf[ik][l2] += dt18;
                        }
                    }
                    for (int id2 = trips10 - 1; id2 >= 0; id2--) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double dt14 = dsumQ;
                        dicf[ik][id2] += dt14;
                        double dt13 = dqxc[id2];
                        dqxc[id2] = 0;
                        double dt11 = t12 * dt13;
                        double dt12 = t11 * dt13;
                        dxc[id2] += dt12;
                        double dt10 = t11 * dt11;
                        dicf[ik][id2] += dt10;
                    }
                    for (int id = trips9 - 1; id >= 0; id--) {
                        double dt7 = dxc[id];
                        dxc[id] = 0;
                        double dt6 = -dt7;
                        dmeans[ik][id] += dt6;
                    }
                }
            }
            return new ObjectiveGradient(t75, dalphas, dmeans, dicf);
        }
    }

    /**
     * Value of {@link Gmm#objective(double[], double[][], double[][], double[][], double, int)}, with its gradient written into the arrays passed for it: for calls in a loop with reused gradient arrays.
     * <p>The gradients of array parameters are written into the arrays passed for them; the arrays the
     * method creates and the results of ArrayMath operations are allocated, and so are their adjoints.
     *
     * @param alphas the argument {@code alphas} of {@code objective}
     * @param means the argument {@code means} of {@code objective}
     * @param icf the argument {@code icf} of {@code objective}
     * @param x the argument {@code x} of {@code objective}, held constant
     * @param gamma the argument {@code gamma} of {@code objective}, held constant
     * @param m the argument {@code m} of {@code objective}, held constant
     * @param gradAlphas receives the gradient with respect to {@code alphas}; it must have the shape of {@code alphas}
     * @param gradMeans receives the gradient with respect to {@code means}; it must have the shape of {@code means}
     * @param gradIcf receives the gradient with respect to {@code icf}; it must have the shape of {@code icf}
     * @return the value of {@code objective}
     * @throws IllegalArgumentException if an array does not have the shape it must have,
     *     or a gradient array is an argument or another gradient array, or shares a row with one
     * @throws NullPointerException if an array is null
     */
    public static double dobjective(double[] alphas, double[][] means, double[][] icf, double[][] x,
            double gamma, int m, double[] gradAlphas, double[][] gradMeans, double[][] gradIcf) {
        Buffers.check().input("alphas", alphas).input("means", means).input("icf", icf)
                .input("x", x).buffer("gradAlphas", gradAlphas).buffer("gradMeans", gradMeans)
                .buffer("gradIcf", gradIcf).requireDistinct();
        requireRectangular("means", means);
        requireRectangular("icf", icf);
        requireRectangular("x", x);
        requireSameShape("gradAlphas", gradAlphas, "alphas", alphas);
        requireSameShape("gradMeans", gradMeans, "means", means);
        requireSameShape("gradIcf", gradIcf, "icf", icf);
        try (Tape tape = Tape.open()) {
            int n = x.length;
            int k = alphas.length;
            double[] t1 = x[0];
            int d = t1.length;
            double slse = 0;
            int trips = 0;
            for (int ix = 0; ix < n; ix++) {
                trips++;
                double[] mainTerm = new double[k];
                for (int ik = 0; ik < k; ik++) {
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best = mainTerm[0];
                for (int ik2 = 1; ik2 < k; ik2++) {
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double sum = 0;
                for (int ik3 = 0; ik3 < k; ik3++) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    sum = sum + t39;
                }
                tape.push(sum);
                double t41 = Math.log(sum);
                double t42 = best + t41;
                slse = slse + t42;
            }
            double bestAlpha = alphas[0];
            int trips2 = 0;
            for (int ik4 = 1; ik4 < k; ik4++) {
                trips2++;
                tape.push(bestAlpha);
                double t45 = alphas[ik4];
                bestAlpha = Math.max(bestAlpha, t45);
            }
            double sumAlpha = 0;
            int trips3 = 0;
            for (int ik5 = 0; ik5 < k; ik5++) {
                trips3++;
                double t48 = alphas[ik5];
                double t49 = t48 - bestAlpha;
                double t50 = Math.exp(t49);
                tape.push(t50);
                sumAlpha = sumAlpha + t50;
            }
            double prior = 0;
            int trips4 = 0;
            for (int ik6 = 0; ik6 < k; ik6++) {
                trips4++;
                double frobenius = 0;
                double sumQ2 = 0;
                int trips5 = 0;
                for (int id4 = 0; id4 < d; id4++) {
                    trips5++;
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double t55 = q * q;
                    frobenius = frobenius + t55;
                    double t56 = icf[ik6][id4];
                    sumQ2 = sumQ2 + t56;
                }
                tape.push(trips5);
                tape.push(frobenius);
                double frobenius2 = frobenius;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double t67 = t66 * frobenius2;
                double t68 = m * sumQ2;
                double t69 = t67 - t68;
                prior = prior + t69;
            }
            double t71 = Math.log(sumAlpha);
            double t72 = bestAlpha + t71;
            double t73 = n * t72;
            double t74 = slse - t73;
            double t75 = t74 + prior;

            double dt75 = 1;
            double dt74 = dt75;
            double dprior = dt75;
            double dslse = dt74;
            double dt73 = -dt74;
            double dt72 = n * dt73;
            double dbestAlpha = dt72;
            double dt71 = dt72;
            double dsumAlpha = dt71 / sumAlpha;
            double[][] dicf = clear(gradIcf);
            for (int ik6 = trips4 - 1; ik6 >= 0; ik6--) {
                double frobenius = tape.popDouble();
                int trips5 = tape.popInt();
                double frobenius2 = frobenius;
                long trips6 = 0;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    trips6++;
                    tape.push(l3);
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double dt69 = dprior;
                double dt67 = dt69;
                double dt68 = -dt69;
                double dsumQ2 = m * dt68;
                double dfrobenius2 = t66 * dt67;
                double dfrobenius = 0;
                for (; trips6 > 0; trips6--) {
                    int l3 = tape.popInt();
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double dt63 = dfrobenius2;
                    double dt61 = t62 * dt63;
                    double dt62 = t61 * dt63;
                    dicf[ik6][l3] += dt62;
                    dicf[ik6][l3] += dt61;
                }
                dfrobenius += dfrobenius2;
                for (int id4 = trips5 - 1; id4 >= 0; id4--) {
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double dt56 = dsumQ2;
                    dicf[ik6][id4] += dt56;
                    double dt55 = dfrobenius;
                    double dq = 2 * q * dt55;
                    double dt54 = q * dq;
                    dicf[ik6][id4] += dt54;
                }
            }
            double[] dalphas = clear(gradAlphas);
            for (int ik5 = trips3 - 1; ik5 >= 0; ik5--) {
                double t50 = tape.popDouble();
                double dt50 = dsumAlpha;
                double dt49 = t50 * dt50;
                double dt48 = dt49;
                dbestAlpha += -dt49;
                dalphas[ik5] += dt48;
            }
            for (int ik4 = trips2; ik4 >= 1; ik4--) {
                bestAlpha = tape.popDouble();
                double t45 = alphas[ik4];
                double dbestAlpha3 = dbestAlpha;
                dbestAlpha = bestAlpha > t45 ? dbestAlpha3 : bestAlpha == t45 ? 0.5 * dbestAlpha3 : 0;
                double dt45 = t45 > bestAlpha ? dbestAlpha3 : t45 == bestAlpha ? 0.5 * dbestAlpha3 : 0;
                dalphas[ik4] += dt45;
            }
            dalphas[0] += dbestAlpha;
            double[][] dmeans = clear(gradMeans);
            for (int ix = trips - 1; ix >= 0; ix--) {
                double sum = tape.popDouble();
                double[] mainTerm = new double[k];
                int trips7 = 0;
                for (int ik = 0; ik < k; ik++) {
                    trips7++;
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best2 = mainTerm[0];
                double best = best2;
                int trips8 = 0;
                for (int ik2 = 1; ik2 < k; ik2++) {
                    trips8++;
                    tape.push(best);
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double dt42 = dslse;
                double dbest = dt42;
                double dt41 = dt42;
                double dsum = dt41 / sum;
                double[] dmainTerm = new double[mainTerm.length];
                for (int ik3 = k - 1; ik3 >= 0; ik3--) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    double dt39 = dsum;
                    double dt38 = t39 * dt39;
                    double dt37 = dt38;
                    dbest += -dt38;
                    dmainTerm[ik3] += dt37;
                }
                double dbest2 = 0;
                for (int ik2 = trips8; ik2 >= 1; ik2--) {
                    best = tape.popDouble();
                    double t34 = mainTerm[ik2];
                    double dbest3 = dbest;
                    dbest = best > t34 ? dbest3 : best == t34 ? 0.5 * dbest3 : 0;
                    double dt34 = t34 > best ? dbest3 : t34 == best ? 0.5 * dbest3 : 0;
                    dmainTerm[ik2] += dt34;
                }
                dbest2 += dbest;
                dmainTerm[0] += dbest2;
                for (int ik = trips7 - 1; ik >= 0; ik--) {
                    double[] xc = new double[d];
                    int trips9 = 0;
                    for (int id = 0; id < d; id++) {
                        trips9++;
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ3 = 0;
                    double sumQ = sumQ3;
                    int trips10 = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        trips10++;
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l4 = d;
                    int l = l4;
                    int trips11 = 0;
                    for (int i = 0; i < d; i++) {
                        trips11++;
                        tape.push(l);
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq2 = 0;
                    double sq = sq2;
                    int trips12 = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        trips12++;
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double dt31 = dmainTerm[ik];
                    dmainTerm[ik] = 0;
                    double dt29 = dt31;
                    double dt30 = -dt31;
                    double dsq = 0.5 * dt30;
                    double dt28 = dt29;
                    double dsumQ = dt29;
                    dalphas[ik] += dt28;
                    double[] dqxc = new double[qxc.length];
                    for (int id3 = trips12 - 1; id3 >= 0; id3--) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double dt26 = dsq;
                        double dt24 = t25 * dt26;
                        double dt25 = t24 * dt26;
                        dqxc[id3] += dt25;
                        dqxc[id3] += dt24;
                    }
                    double[] dxc = new double[xc.length];
                    for (int i = trips11 - 1; i >= 0; i--) {
                        l = tape.popInt();
                        int l2 = l;
                        int trips13 = 0;
                        for (int j = i + 1; j < d; j++) {
                            trips13++;
                            tape.push(l2);
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        for (int j = i + 1 + trips13 - 1; j >= i + 1; j--) {
                            l2 = tape.popInt();
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double dt20 = dqxc[j];
                            double dt18 = t19 * dt20;
                            double dt19 = t18 * dt20;
                            dxc[i] += dt19;
                            dicf[ik][l2] += dt18;
                        }
                    }
                    for (int id2 = trips10 - 1; id2 >= 0; id2--) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double dt14 = dsumQ;
                        dicf[ik][id2] += dt14;
                        double dt13 = dqxc[id2];
                        dqxc[id2] = 0;
                        double dt11 = t12 * dt13;
                        double dt12 = t11 * dt13;
                        dxc[id2] += dt12;
                        double dt10 = t11 * dt11;
                        dicf[ik][id2] += dt10;
                    }
                    for (int id = trips9 - 1; id >= 0; id--) {
                        double dt7 = dxc[id];
                        dxc[id] = 0;
                        double dt6 = -dt7;
                        dmeans[ik][id] += dt6;
                    }
                }
            }
            return t75;
        }
    }

    /**
     * Value of {@link Gmm#objective(double[], double[][], double[][], double[][], double, int)} and its gradient with respect to every {@code double}, {@code double[]} and {@code double[][]} parameter.
     * <p>Called by the gradients of methods that call {@code objective} where they do not write it inline and need
     * partial derivatives that its {@code wrt} leaves out; the gradients of callers compiled separately always
     * call it.
     * <p>Tapes, at the start of each loop iteration, the variables the iteration overwrites and the backward
     * pass needs: {@code l} (int); {@code l2} (int); {@code best} (double); {@code bestAlpha} (double); {@code l3} (int). Everything else is recomputed, not taped. The tape is the
     * thread's, opened with {@link io.github.sourcegrad.Tape#open()} and left as it was found on every exit.
     * <p>Keeps on the tape, in each iteration of a loop, what the backward pass would otherwise compute
     * again at more than the cost of a push and a pop: {@code sum} as the inner loop over {@code ik3} leaves it; {@code t50} (the result of {@code exp}); the trip count of the inner loop over {@code id4}; {@code frobenius} as the inner loop over {@code id4} leaves it.
     * <p>The loops nested directly in a top-level loop run forward once: the backward pass reverses them from what
     * the iteration kept, or counts them down from their unchanged bound.
     *
     * @param alphas the argument {@code alphas} of {@code objective}
     * @param means the argument {@code means} of {@code objective}
     * @param icf the argument {@code icf} of {@code objective}
     * @param x the argument {@code x} of {@code objective}
     * @param gamma the argument {@code gamma} of {@code objective}
     * @param m the argument {@code m} of {@code objective}, held constant
     * @return the value and the partial derivatives with respect to {@code alphas}, {@code means}, {@code icf}, {@code x}, {@code gamma}
     * @throws NullPointerException if an array is null
     */
    public static ObjectiveWrtAllGradient dobjectiveWrtAll(double[] alphas, double[][] means,
            double[][] icf, double[][] x, double gamma, int m) {
        Objects.requireNonNull(alphas, "alphas");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(icf, "icf");
        Objects.requireNonNull(x, "x");
        requireRectangular("means", means);
        requireRectangular("icf", icf);
        requireRectangular("x", x);
        try (Tape tape = Tape.open()) {
            int n = x.length;
            int k = alphas.length;
            double[] t1 = x[0];
            int d = t1.length;
            double slse = 0;
            int trips = 0;
            for (int ix = 0; ix < n; ix++) {
                trips++;
                double[] mainTerm = new double[k];
                for (int ik = 0; ik < k; ik++) {
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best = mainTerm[0];
                for (int ik2 = 1; ik2 < k; ik2++) {
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double sum = 0;
                for (int ik3 = 0; ik3 < k; ik3++) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    sum = sum + t39;
                }
                tape.push(sum);
                double t41 = Math.log(sum);
                double t42 = best + t41;
                slse = slse + t42;
            }
            double bestAlpha = alphas[0];
            int trips2 = 0;
            for (int ik4 = 1; ik4 < k; ik4++) {
                trips2++;
                tape.push(bestAlpha);
                double t45 = alphas[ik4];
                bestAlpha = Math.max(bestAlpha, t45);
            }
            double sumAlpha = 0;
            int trips3 = 0;
            for (int ik5 = 0; ik5 < k; ik5++) {
                trips3++;
                double t48 = alphas[ik5];
                double t49 = t48 - bestAlpha;
                double t50 = Math.exp(t49);
                tape.push(t50);
                sumAlpha = sumAlpha + t50;
            }
            double prior = 0;
            int trips4 = 0;
            for (int ik6 = 0; ik6 < k; ik6++) {
                trips4++;
                double frobenius = 0;
                double sumQ2 = 0;
                int trips5 = 0;
                for (int id4 = 0; id4 < d; id4++) {
                    trips5++;
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double t55 = q * q;
                    frobenius = frobenius + t55;
                    double t56 = icf[ik6][id4];
                    sumQ2 = sumQ2 + t56;
                }
                tape.push(trips5);
                tape.push(frobenius);
                double frobenius2 = frobenius;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double t67 = t66 * frobenius2;
                double t68 = m * sumQ2;
                double t69 = t67 - t68;
                prior = prior + t69;
            }
            double t71 = Math.log(sumAlpha);
            double t72 = bestAlpha + t71;
            double t73 = n * t72;
            double t74 = slse - t73;
            double t75 = t74 + prior;

            double dt75 = 1;
            double dt74 = dt75;
            double dprior = dt75;
            double dslse = dt74;
            double dt73 = -dt74;
            double dt72 = n * dt73;
            double dbestAlpha = dt72;
            double dt71 = dt72;
            double dsumAlpha = dt71 / sumAlpha;
            double[][] dicf = zerosLike(icf);
            double dgamma = 0;
            for (int ik6 = trips4 - 1; ik6 >= 0; ik6--) {
                double frobenius = tape.popDouble();
                int trips5 = tape.popInt();
                double frobenius2 = frobenius;
                long trips6 = 0;
                for (int l3 = d; l3 < icf[ik6].length; l3++) {
                    trips6++;
                    tape.push(l3);
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double t63 = t61 * t62;
                    frobenius2 = frobenius2 + t63;
                }
                double t65 = 0.5 * gamma;
                double t66 = t65 * gamma;
                double dt69 = dprior;
                double dt67 = dt69;
                double dt68 = -dt69;
                double dsumQ2 = m * dt68;
                double dt66 = frobenius2 * dt67;
                double dfrobenius2 = t66 * dt67;
                double dt65 = gamma * dt66;
                dgamma += t65 * dt66;
                dgamma += 0.5 * dt65;
                double dfrobenius = 0;
                for (; trips6 > 0; trips6--) {
                    int l3 = tape.popInt();
                    double t61 = icf[ik6][l3];
                    double t62 = icf[ik6][l3];
                    double dt63 = dfrobenius2;
                    double dt61 = t62 * dt63;
                    double dt62 = t61 * dt63;
                    dicf[ik6][l3] += dt62;
                    dicf[ik6][l3] += dt61;
                }
                dfrobenius += dfrobenius2;
                for (int id4 = trips5 - 1; id4 >= 0; id4--) {
                    double t54 = icf[ik6][id4];
                    double q = Math.exp(t54);
                    double dt56 = dsumQ2;
                    dicf[ik6][id4] += dt56;
                    double dt55 = dfrobenius;
                    double dq = 2 * q * dt55;
                    double dt54 = q * dq;
                    dicf[ik6][id4] += dt54;
                }
            }
            double[] dalphas = new double[alphas.length];
            for (int ik5 = trips3 - 1; ik5 >= 0; ik5--) {
                double t50 = tape.popDouble();
                double dt50 = dsumAlpha;
                double dt49 = t50 * dt50;
                double dt48 = dt49;
                dbestAlpha += -dt49;
                dalphas[ik5] += dt48;
            }
            for (int ik4 = trips2; ik4 >= 1; ik4--) {
                bestAlpha = tape.popDouble();
                double t45 = alphas[ik4];
                double dbestAlpha3 = dbestAlpha;
                dbestAlpha = bestAlpha > t45 ? dbestAlpha3 : bestAlpha == t45 ? 0.5 * dbestAlpha3 : 0;
                double dt45 = t45 > bestAlpha ? dbestAlpha3 : t45 == bestAlpha ? 0.5 * dbestAlpha3 : 0;
                dalphas[ik4] += dt45;
            }
            dalphas[0] += dbestAlpha;
            double[][] dmeans = zerosLike(means);
            double[][] dx = zerosLike(x);
            for (int ix = trips - 1; ix >= 0; ix--) {
                double sum = tape.popDouble();
                double[] mainTerm = new double[k];
                int trips7 = 0;
                for (int ik = 0; ik < k; ik++) {
                    trips7++;
                    double[] xc = new double[d];
                    for (int id = 0; id < d; id++) {
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l = d;
                    for (int i = 0; i < d; i++) {
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double t28 = alphas[ik];
                    double t29 = t28 + sumQ;
                    double t30 = 0.5 * sq;
                    double t31 = t29 - t30;
                    mainTerm[ik] = t31;
                }
                double best2 = mainTerm[0];
                double best = best2;
                int trips8 = 0;
                for (int ik2 = 1; ik2 < k; ik2++) {
                    trips8++;
                    tape.push(best);
                    double t34 = mainTerm[ik2];
                    best = Math.max(best, t34);
                }
                double dt42 = dslse;
                double dbest = dt42;
                double dt41 = dt42;
                double dsum = dt41 / sum;
                double[] dmainTerm = new double[mainTerm.length];
                for (int ik3 = k - 1; ik3 >= 0; ik3--) {
                    double t37 = mainTerm[ik3];
                    double t38 = t37 - best;
                    double t39 = Math.exp(t38);
                    double dt39 = dsum;
                    double dt38 = t39 * dt39;
                    double dt37 = dt38;
                    dbest += -dt38;
                    dmainTerm[ik3] += dt37;
                }
                double dbest2 = 0;
                for (int ik2 = trips8; ik2 >= 1; ik2--) {
                    best = tape.popDouble();
                    double t34 = mainTerm[ik2];
                    double dbest3 = dbest;
                    dbest = best > t34 ? dbest3 : best == t34 ? 0.5 * dbest3 : 0;
                    double dt34 = t34 > best ? dbest3 : t34 == best ? 0.5 * dbest3 : 0;
                    dmainTerm[ik2] += dt34;
                }
                dbest2 += dbest;
                dmainTerm[0] += dbest2;
                for (int ik = trips7 - 1; ik >= 0; ik--) {
                    double[] xc = new double[d];
                    int trips9 = 0;
                    for (int id = 0; id < d; id++) {
                        trips9++;
                        double t5 = x[ix][id];
                        double t6 = means[ik][id];
                        double t7 = t5 - t6;
                        xc[id] = t7;
                    }
                    double[] qxc = new double[d];
                    double sumQ3 = 0;
                    double sumQ = sumQ3;
                    int trips10 = 0;
                    for (int id2 = 0; id2 < d; id2++) {
                        trips10++;
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double t13 = t11 * t12;
                        qxc[id2] = t13;
                        double t14 = icf[ik][id2];
                        sumQ = sumQ + t14;
                    }
                    int l4 = d;
                    int l = l4;
                    int trips11 = 0;
                    for (int i = 0; i < d; i++) {
                        trips11++;
                        tape.push(l);
                        int l2 = l;
                        for (int j = i + 1; j < d; j++) {
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        l = l2;
                    }
                    double sq2 = 0;
                    double sq = sq2;
                    int trips12 = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        trips12++;
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double t26 = t24 * t25;
                        sq = sq + t26;
                    }
                    double dt31 = dmainTerm[ik];
                    dmainTerm[ik] = 0;
                    double dt29 = dt31;
                    double dt30 = -dt31;
                    double dsq = 0.5 * dt30;
                    double dt28 = dt29;
                    double dsumQ = dt29;
                    dalphas[ik] += dt28;
                    double[] dqxc = new double[qxc.length];
                    for (int id3 = trips12 - 1; id3 >= 0; id3--) {
                        double t24 = qxc[id3];
                        double t25 = qxc[id3];
                        double dt26 = dsq;
                        double dt24 = t25 * dt26;
                        double dt25 = t24 * dt26;
                        dqxc[id3] += dt25;
                        dqxc[id3] += dt24;
                    }
                    double[] dxc = new double[xc.length];
                    for (int i = trips11 - 1; i >= 0; i--) {
                        l = tape.popInt();
                        int l2 = l;
                        int trips13 = 0;
                        for (int j = i + 1; j < d; j++) {
                            trips13++;
                            tape.push(l2);
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double t20 = t18 * t19;
                            qxc[j] += t20;
                            l2 = l2 + 1;
                        }
                        for (int j = i + 1 + trips13 - 1; j >= i + 1; j--) {
                            l2 = tape.popInt();
                            double t18 = icf[ik][l2];
                            double t19 = xc[i];
                            double dt20 = dqxc[j];
                            double dt18 = t19 * dt20;
                            double dt19 = t18 * dt20;
                            dxc[i] += dt19;
                            dicf[ik][l2] += dt18;
                        }
                    }
                    for (int id2 = trips10 - 1; id2 >= 0; id2--) {
                        double t10 = icf[ik][id2];
                        double t11 = Math.exp(t10);
                        double t12 = xc[id2];
                        double dt14 = dsumQ;
                        dicf[ik][id2] += dt14;
                        double dt13 = dqxc[id2];
                        dqxc[id2] = 0;
                        double dt11 = t12 * dt13;
                        double dt12 = t11 * dt13;
                        dxc[id2] += dt12;
                        double dt10 = t11 * dt11;
                        dicf[ik][id2] += dt10;
                    }
                    for (int id = trips9 - 1; id >= 0; id--) {
                        double dt7 = dxc[id];
                        dxc[id] = 0;
                        double dt5 = dt7;
                        double dt6 = -dt7;
                        dmeans[ik][id] += dt6;
                        dx[ix][id] += dt5;
                    }
                }
            }
            return new ObjectiveWrtAllGradient(t75, dalphas, dmeans, dicf, dx, dgamma);
        }
    }

    /**
     * Identifies the code generated here for each {@code @Differentiable} method of {@link Gmm}. The
     * companion of a class that calls one of them checks it when it loads, and fails fast with a
     * {@link StaleCompanionError} after a build that compiled {@code Gmm} again without that class.
     *
     * @param method a method's name and parameter types, such as {@code objective(double[],double[][],double[][],double[][],double,int)}
     * @return the fingerprint of its gradient, or {@code ""} if this class has none
     */
    public static String fingerprint(String method) {
        return switch (method) {
            case "objective(double[],double[][],double[][],double[][],double,int)" -> "78deeaebedf94441";
            default -> "";
        };
    }

    /**
     * The value of {@link Gmm#objective(double[], double[][], double[][], double[][], double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code objective}
     * @param dalphas the gradient with respect to {@code alphas}, an array of its shape
     * @param dmeans the gradient with respect to {@code means}, an array of its shape
     * @param dicf the gradient with respect to {@code icf}, an array of its shape
     */
    @io.github.sourcegrad.Generated
    public record ObjectiveGradient(double value, double[] dalphas, double[][] dmeans,
            double[][] dicf) {
    }

    /**
     * The value of {@link Gmm#objective(double[], double[][], double[][], double[][], double, int)} and its partial derivatives at one point.
     *
     * @param value the value of {@code objective}
     * @param dalphas the gradient with respect to {@code alphas}, an array of its shape
     * @param dmeans the gradient with respect to {@code means}, an array of its shape
     * @param dicf the gradient with respect to {@code icf}, an array of its shape
     * @param dx the gradient with respect to {@code x}, an array of its shape
     * @param dgamma the partial derivative with respect to {@code gamma}
     */
    @io.github.sourcegrad.Generated
    public record ObjectiveWrtAllGradient(double value, double[] dalphas, double[][] dmeans,
            double[][] dicf, double[][] dx, double dgamma) {
    }
}
