/**
 * Multinomial logistic regression on standardised features: small enough to ship as numbers, fast to
 * apply, and each class's weights read as "this feature points here", which is what `explain` reports.
 * Trained by full-batch gradient descent with Adam and an L2 penalty; deterministic (no random start).
 * Probabilities are calibrated by one temperature fitted on held-out logits (Guo et al. 2017).
 */

export interface SoftmaxModel {
  readonly classes: readonly string[];
  readonly featureNames: readonly string[];
  /** per feature: subtracted, then divided by scale (training means and standard deviations) */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  /** weights[class][feature] */
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
  /** logits are divided by it before the softmax (> 1 softens over-confident models) */
  readonly temperature: number;
}

export interface TrainOptions {
  readonly l2?: number;
  readonly iterations?: number;
  readonly learningRate?: number;
}

/** standardiser(rows) → means and scales of each column (a constant column gets scale 1) */
export function standardiser(rows: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of rows) row.forEach((value, column) => (mean[column]! += value / rows.length));
  for (const row of rows) row.forEach((value, column) => (scale[column]! += (value - mean[column]!) ** 2 / rows.length));
  return { mean, scale: scale.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 1)) };
}

/** trainSoftmax(rows, labels, ["bach", "haydn"], names) → a model at temperature 1 */
export function trainSoftmax(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  classes: readonly string[],
  featureNames: readonly string[],
  options: TrainOptions = {},
): SoftmaxModel {
  const { l2 = 0.01, iterations = 400, learningRate = 0.05 } = options;
  const { mean, scale } = standardiser(rows);
  const inputs = rows.map((row) => row.map((value, column) => (value - mean[column]!) / scale[column]!));
  const width = featureNames.length;
  const weights = classes.map(() => new Array<number>(width).fill(0));
  const bias = new Array<number>(classes.length).fill(0);
  const adam = new Adam(classes.length * (width + 1), learningRate);
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(classes.length * (width + 1)).fill(0);
    inputs.forEach((input, row) => {
      const probabilities = softmax(logitsOf(weights, bias, input));
      probabilities.forEach((probability, label) => {
        const error = (probability - (labels[row] === label ? 1 : 0)) / inputs.length;
        const base = label * (width + 1);
        for (let column = 0; column < width; column++) gradient[base + column]! += error * input[column]!;
        gradient[base + width]! += error;
      });
    });
    weights.forEach((classWeights, label) => classWeights.forEach((weight, column) => (gradient[label * (width + 1) + column]! += l2 * weight)));
    const update = adam.step(gradient);
    weights.forEach((classWeights, label) => {
      for (let column = 0; column < width; column++) classWeights[column]! -= update[label * (width + 1) + column]!;
      bias[label]! -= update[label * (width + 1) + width]!;
    });
  }
  return { classes, featureNames, mean, scale, weights, bias, temperature: 1 };
}

/** logitsFor(model, features) → one raw score per class (before temperature) */
export function logitsFor(model: SoftmaxModel, features: readonly number[]): number[] {
  return logitsOf(model.weights, model.bias, standardised(model, features));
}

/** probabilitiesFor(model, features) → calibrated probabilities, one per class, summing to 1 */
export function probabilitiesFor(model: SoftmaxModel, features: readonly number[]): number[] {
  return softmax(logitsFor(model, features).map((logit) => logit / model.temperature));
}

export interface Contribution {
  readonly feature: string;
  readonly value: number;
  /** how far this feature moves the class's logit above the mean of the others' (positive: toward it) */
  readonly weight: number;
}

/** contributions(model, features, 2) → the features that weigh most for class 2, strongest first */
export function contributions(model: SoftmaxModel, features: readonly number[], label: number, top = 6): Contribution[] {
  const input = standardised(model, features);
  const others = model.classes.length - 1;
  return input
    .map((value, column) => {
      const againstOthers = model.weights[label]![column]! - model.weights.reduce((sum, classWeights, other) => (other === label ? sum : sum + classWeights[column]!), 0) / Math.max(1, others);
      return { feature: model.featureNames[column]!, value: round(features[column]!), weight: round((value * againstOthers) / model.temperature) };
    })
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, top);
}

/** fitTemperature(heldOutLogits, labels) → the temperature (0.25 … 8) that minimises their negative log-likelihood */
export function fitTemperature(logits: readonly (readonly number[])[], labels: readonly number[]): number {
  let best = { temperature: 1, loss: Infinity };
  for (let exponent = -2; exponent <= 3; exponent += 0.02) {
    const temperature = 2 ** exponent;
    const loss = logits.reduce((sum, row, index) => sum - Math.log(Math.max(1e-12, softmax(row.map((logit) => logit / temperature))[labels[index]!]!)), 0);
    if (loss < best.loss) best = { temperature, loss };
  }
  return round(best.temperature);
}

/** softmax([1, 2]) → [0.269, 0.731] */
export function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

function standardised(model: SoftmaxModel, features: readonly number[]): number[] {
  return features.map((value, column) => (value - model.mean[column]!) / model.scale[column]!);
}

function logitsOf(weights: readonly (readonly number[])[], bias: readonly number[], input: readonly number[]): number[] {
  return weights.map((classWeights, label) => classWeights.reduce((sum, weight, column) => sum + weight * input[column]!, bias[label]!));
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** Adam (Kingma & Ba 2015): per-parameter step sizes, robust to features on different scales */
class Adam {
  private readonly first: number[];
  private readonly second: number[];
  private time = 0;

  constructor(size: number, private readonly rate: number) {
    this.first = new Array<number>(size).fill(0);
    this.second = new Array<number>(size).fill(0);
  }

  step(gradient: readonly number[]): number[] {
    this.time++;
    const [beta1, beta2] = [0.9, 0.999];
    return gradient.map((value, index) => {
      this.first[index] = beta1 * this.first[index]! + (1 - beta1) * value;
      this.second[index] = beta2 * this.second[index]! + (1 - beta2) * value * value;
      const corrected = this.first[index]! / (1 - beta1 ** this.time);
      return (this.rate * corrected) / (Math.sqrt(this.second[index]! / (1 - beta2 ** this.time)) + 1e-8);
    });
  }
}
