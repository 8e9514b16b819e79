// The part of dcmjs's API the viewport uses (dcmjs ships no type declarations).
declare module 'dcmjs' {
  type Dataset = Record<string, unknown>;
  interface DicomDict {
    dict: Dataset;
    write(): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomDict: new (meta: Dataset) => DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Dataset; meta: Dataset } };
      DicomMetaDictionary: {
        naturalizeDataset(dict: Dataset): Dataset;
        denaturalizeDataset(dataset: Dataset): Dataset;
      };
    };
  };
  export default dcmjs;
}
