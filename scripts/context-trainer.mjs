/**
 * Trains the network of src/suggest/context-model.ts: a bag of sparse features summed into a tanh hidden
 * layer, then a softmax over the classes, by plain stochastic gradient descent on the cross-entropy, the
 * examples in a seeded order. Used by scripts/train-continuation.mjs (inner split and shipped model) and
 * quantizes the result for shipping. Deterministic for a seed.
 */
import { Buffer } from 'node:buffer';
import { mulberry32 } from './style-data.mjs';

/**
 * trainNetwork({ examples: [{ features: [row…], label }], featureCount, classCount, hidden, epochs, seed, afterEpoch })
 * → { embedding, output } as Float32Arrays; afterEpoch(epoch, network) is told after each pass
 */
export function trainNetwork({ examples, featureCount, classCount, hidden, epochs, seed, rate = 0.05, afterEpoch }) {
  const random = mulberry32(seed);
  const embedding = Float32Array.from({ length: featureCount * hidden }, () => (random() - 0.5) * 0.2);
  const output = new Float32Array((hidden + 1) * classCount);
  const activation = new Float64Array(hidden + 1);
  const logits = new Float64Array(classCount);
  const hiddenGradient = new Float64Array(hidden);
  const order = examples.map((_, index) => index);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    const step = rate / (1 + 0.5 * (epoch - 1));
    for (const at of order) {
      const { features, label } = examples[at];
      activation.fill(0);
      for (const row of features) for (let unit = 0; unit < hidden; unit++) activation[unit] += embedding[row * hidden + unit];
      for (let unit = 0; unit < hidden; unit++) activation[unit] = Math.tanh(activation[unit]);
      activation[hidden] = 1;
      softmaxInto(logits, activation, output, classCount);
      logits[label] -= 1;
      // the gradient reaching the hidden layer, taken before the output weights move
      for (let unit = 0; unit < hidden; unit++) {
        let sum = 0;
        const base = unit * classCount;
        for (let c = 0; c < classCount; c++) sum += output[base + c] * logits[c];
        hiddenGradient[unit] = sum * (1 - activation[unit] * activation[unit]);
      }
      for (let unit = 0; unit <= hidden; unit++) {
        const base = unit * classCount;
        const scaled = step * activation[unit];
        for (let c = 0; c < classCount; c++) output[base + c] -= scaled * logits[c];
      }
      for (const row of features) for (let unit = 0; unit < hidden; unit++) embedding[row * hidden + unit] -= step * hiddenGradient[unit];
    }
    afterEpoch?.(epoch, { embedding, output });
  }
  return { embedding, output };
}

/** the softmax of the output layer at an activation, written into `into` */
function softmaxInto(into, activation, output, classCount) {
  into.fill(0);
  for (let unit = 0; unit < activation.length; unit++) {
    const value = activation[unit];
    const base = unit * classCount;
    for (let c = 0; c < classCount; c++) into[c] += value * output[base + c];
  }
  let top = -Infinity;
  for (let c = 0; c < classCount; c++) top = Math.max(top, into[c]);
  let sum = 0;
  for (let c = 0; c < classCount; c++) sum += into[c] = Math.exp(into[c] - top);
  for (let c = 0; c < classCount; c++) into[c] /= sum;
}

function shuffle(items, random) {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
}

/** quantized(weights, width) → { base64, scales }: each row as int8 times its own scale (its largest magnitude / 127) */
export function quantized(weights, width) {
  const rows = weights.length / width;
  const bytes = new Int8Array(weights.length);
  const scales = [];
  for (let row = 0; row < rows; row++) {
    let largest = 0;
    for (let unit = 0; unit < width; unit++) largest = Math.max(largest, Math.abs(weights[row * width + unit]));
    const scale = largest / 127 || 1;
    scales.push(Number(scale.toPrecision(4)));
    for (let unit = 0; unit < width; unit++) bytes[row * width + unit] = Math.max(-127, Math.min(127, Math.round(weights[row * width + unit] / scales[row])));
  }
  return { base64: Buffer.from(bytes.buffer).toString('base64'), scales };
}
