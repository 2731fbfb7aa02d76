/** A file Defender has seen, in the File entity's shape (reference section 4). */
export interface SimulatedFile {
	sha1: string;
	sha256: string;
	globalPrevalence: number;
	globalFirstObserved: string;
	globalLastObserved: string;
	size: number;
	fileType: string | null;
	isPeFile: boolean;
	filePublisher: string | null;
	fileProductName: string | null;
	signer: string | null;
	issuer: string | null;
	signerHash: string | null;
	isValidCertificate: boolean;
	determinationType: string;
	determinationValue: string | null;
	/** Not an entity field: the names the stats list as top file names. */
	fileNames: string[];
}

/** The files the simulator knows; any other hash is 404, as for a file Defender never saw. */
export const SAMPLE_FILES: readonly SimulatedFile[] = [
	{
		sha1: '4388963aaa83afe2042a46a3c017ad50bdcdafb3',
		sha256: '413c58c8267d2c8648d8f6384bacc2ae9c929b2b96578b6860b5087cd1bd6462',
		globalPrevalence: 180022,
		globalFirstObserved: '2017-09-19T03:51:27.6785431Z',
		globalLastObserved: '2020-01-06T03:59:21.3229314Z',
		size: 22139496,
		fileType: 'APP',
		isPeFile: true,
		filePublisher: 'Contoso Ltd.',
		fileProductName: 'Contoso Tool',
		signer: 'Contoso Ltd.',
		issuer: 'VeriSign Class 3 Code Signing 2010 CA',
		signerHash: '6c3245d4a9bc0244d99dff27af259cbbae2e2d16',
		isValidCertificate: false,
		determinationType: 'Pua',
		determinationValue: 'PUA:Win32/FusionCore',
		fileNames: ['ContosoTool.exe', 'setup.exe'],
	},
	{
		sha1: '0991a395da64e1c5fbe8732ed11e6be064081d9f',
		sha256: 'b1f5e1a4c7f3e4d2c9a8b7e6f5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a',
		globalPrevalence: 705012,
		globalFirstObserved: '2015-03-19T12:20:07.3432441Z',
		globalLastObserved: '2020-01-06T13:39:36Z',
		size: 65536,
		fileType: null,
		isPeFile: true,
		filePublisher: null,
		fileProductName: null,
		signer: null,
		issuer: null,
		signerHash: null,
		isValidCertificate: false,
		determinationType: 'Unknown',
		determinationValue: null,
		fileNames: ['MREC.exe'],
	},
];
