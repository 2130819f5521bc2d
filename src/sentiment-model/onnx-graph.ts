/**
 * Writes and reads the ONNX graph of a hashed n-gram sentiment model. The graph takes `input_ids`
 * and `attention_mask` (int64 [batch, seq]) and returns `logits` [batch, 2] = [-s/2, s/2], where s
 * is the bias plus the mean weight of the sequence's seen features (see features.ts), so that the
 * pipeline's softmax gives P(positive) = sigmoid(s). Weights are stored as one float table.
 */
import onnxProto from 'onnx-proto';
import { BIGRAM_PRIMES, TRIGRAM_PRIMES, tableSize, type FeatureSpace } from './features.ts';

const { onnx } = onnxProto;
type Node = InstanceType<typeof onnx.NodeProto>;
type Tensor = InstanceType<typeof onnx.TensorProto>;

const INT64_MAX = 9_223_372_036_854_775_807n;
const WEIGHTS = 'ngram_weights';
const BIAS = 'bias';

function int64Tensor(name: string, values: readonly (number | bigint)[], dims: number[] = [values.length]): Tensor {
  const raw = new BigInt64Array(values.map((v) => BigInt(v)));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(raw.buffer) });
}

function floatTensor(name: string, values: Float32Array, dims: number[]): Tensor {
  const copy = new Float32Array(values);
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(copy.buffer) });
}

function node(opType: string, inputs: string[], output: string, attributes: InstanceType<typeof onnx.AttributeProto>[] = []): Node {
  return onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute: attributes });
}

function intAttr(name: string, value: number) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
}

function io(name: string, elemType: number, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

export function writeOnnxModel(space: FeatureSpace, weights: Float32Array, bias: number): Uint8Array {
  if (weights.length !== tableSize(space)) throw new Error(`weight table has ${weights.length} entries, feature space needs ${tableSize(space)}`);
  const initializers: Tensor[] = [
    floatTensor(WEIGHTS, weights, [weights.length]),
    floatTensor(BIAS, Float32Array.of(bias), []),
    floatTensor('half', Float32Array.of(0.5), []),
    floatTensor('zero', Float32Array.of(0), []),
    floatTensor('one', Float32Array.of(1), []),
    int64Tensor('axis1', [1]),
    int64Tensor('at0', [0]),
    int64Tensor('at1', [1]),
    int64Tensor('at2', [2]),
    int64Tensor('cut1', [-1]),
    int64Tensor('cut2', [-2]),
    int64Tensor('end', [INT64_MAX]),
    int64Tensor('bi_p0', [BIGRAM_PRIMES[0]], []),
    int64Tensor('bi_p1', [BIGRAM_PRIMES[1]], []),
    int64Tensor('bi_mod', [space.bigramBuckets], []),
    int64Tensor('bi_off', [space.vocabSize], []),
    int64Tensor('tri_p0', [TRIGRAM_PRIMES[0]], []),
    int64Tensor('tri_p1', [TRIGRAM_PRIMES[1]], []),
    int64Tensor('tri_p2', [TRIGRAM_PRIMES[2]], []),
    int64Tensor('tri_mod', [space.trigramBuckets], []),
    int64Tensor('tri_off', [space.vocabSize + space.bigramBuckets], []),
  ];
  // Positions i, i+1, i+2 of every row as shifted slices along the sequence axis.
  const slice = (input: string, start: string, end: string, out: string) => node('Slice', [input, start, end, 'axis1'], out);
  const nodes: Node[] = [
    slice('input_ids', 'at0', 'cut1', 'ids_b0'),
    slice('input_ids', 'at1', 'end', 'ids_b1'),
    slice('input_ids', 'at0', 'cut2', 'ids_t0'),
    slice('input_ids', 'at1', 'cut1', 'ids_t1'),
    slice('input_ids', 'at2', 'end', 'ids_t2'),
    slice('attention_mask', 'at0', 'cut1', 'mask_b0'),
    slice('attention_mask', 'at1', 'end', 'mask_b1'),
    slice('attention_mask', 'at0', 'cut2', 'mask_t0'),
    slice('attention_mask', 'at1', 'cut1', 'mask_t1'),
    slice('attention_mask', 'at2', 'end', 'mask_t2'),
    node('Mul', ['ids_b0', 'bi_p0'], 'bi_a'),
    node('Mul', ['ids_b1', 'bi_p1'], 'bi_b'),
    node('Add', ['bi_a', 'bi_b'], 'bi_sum'),
    node('Mod', ['bi_sum', 'bi_mod'], 'bi_hash'),
    node('Add', ['bi_hash', 'bi_off'], 'bi_index'),
    node('Mul', ['ids_t0', 'tri_p0'], 'tri_a'),
    node('Mul', ['ids_t1', 'tri_p1'], 'tri_b'),
    node('Mul', ['ids_t2', 'tri_p2'], 'tri_c'),
    node('Add', ['tri_a', 'tri_b'], 'tri_ab'),
    node('Add', ['tri_ab', 'tri_c'], 'tri_sum'),
    node('Mod', ['tri_sum', 'tri_mod'], 'tri_hash'),
    node('Add', ['tri_hash', 'tri_off'], 'tri_index'),
    node('Mul', ['mask_b0', 'mask_b1'], 'bi_mask'),
    node('Mul', ['mask_t0', 'mask_t1'], 'tri_mask01'),
    node('Mul', ['tri_mask01', 'mask_t2'], 'tri_mask'),
    node('Concat', ['input_ids', 'bi_index', 'tri_index'], 'feature_index', [intAttr('axis', 1)]),
    node('Concat', ['attention_mask', 'bi_mask', 'tri_mask'], 'feature_mask_int', [intAttr('axis', 1)]),
    node('Cast', ['feature_mask_int'], 'position_mask', [intAttr('to', onnx.TensorProto.DataType.FLOAT)]),
    node('Gather', [WEIGHTS, 'feature_index'], 'feature_weight', [intAttr('axis', 0)]),
    // An n-gram training never saw has weight exactly 0 and stays out of the mean.
    node('Equal', ['feature_weight', 'zero'], 'unseen'),
    node('Not', ['unseen'], 'seen'),
    node('Cast', ['seen'], 'seen_mask', [intAttr('to', onnx.TensorProto.DataType.FLOAT)]),
    node('Mul', ['position_mask', 'seen_mask'], 'feature_mask'),
    node('Mul', ['feature_weight', 'feature_mask'], 'masked_weight'),
    node('ReduceSum', ['masked_weight', 'axis1'], 'weight_sum', [intAttr('keepdims', 1)]),
    node('ReduceSum', ['feature_mask', 'axis1'], 'feature_count', [intAttr('keepdims', 1)]),
    // Max(count, 1): a text with no seen n-gram scores the bias alone, as in features.ts.
    node('Max', ['feature_count', 'one'], 'feature_count_safe'),
    node('Div', ['weight_sum', 'feature_count_safe'], 'mean_weight'),
    node('Add', ['mean_weight', BIAS], 'score'),
    node('Mul', ['score', 'half'], 'positive_logit'),
    node('Neg', ['positive_logit'], 'negative_logit'),
    node('Concat', ['negative_logit', 'positive_logit'], 'logits', [intAttr('axis', 1)]),
  ];
  const graph = onnx.GraphProto.create({
    name: 'hashed_ngram_sentiment',
    node: nodes,
    initializer: initializers,
    input: [io('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']), io('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'sequence'])],
    output: [io('logits', onnx.TensorProto.DataType.FLOAT, ['batch', 2])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'painpoint',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The weight table and bias of a graph written by `writeOnnxModel` (for warm starts and the fast path). */
export function readOnnxWeights(bytes: Uint8Array): { weights: Float32Array; bias: number } {
  const model = onnx.ModelProto.decode(bytes);
  const find = (name: string) => model.graph?.initializer?.find((t) => t.name === name);
  const table = find(WEIGHTS);
  const bias = find(BIAS);
  if (!table?.rawData || !bias?.rawData) throw new Error(`the graph has no "${WEIGHTS}" and "${BIAS}" initializers`);
  // A copy: protobufjs hands out views into a Node Buffer, which need not be 4-byte aligned.
  const aligned = (raw: Uint8Array) => new Float32Array(new Uint8Array(raw).buffer);
  return { weights: aligned(table.rawData), bias: aligned(bias.rawData)[0]! };
}
